import { describe, expect, it } from "vitest";
import { recordCounts, recordKind } from "./register-words";

describe("register words", () => {
  it("names each kind of record, and reads an unknown one as its name", () => {
    expect(recordKind("case_events")).toBe("Journey steps");
    expect(recordKind("new_things")).toBe("new things");
  });

  it("lists the kinds with records in the register's order", () => {
    expect(recordCounts({ actions: 4, cases: 2, drafts_x: 1, panel_meetings: 0, meta: 3 })).toEqual([
      { entity: "meta", label: "Register settings", records: 3 },
      { entity: "cases", label: "Cases", records: 2 },
      { entity: "actions", label: "Actions", records: 4 },
      { entity: "drafts_x", label: "drafts x", records: 1 },
    ]);
  });
});
