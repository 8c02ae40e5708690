import { describe, expect, it } from "vitest";
import { actionWord, auditQuery, entityName, fieldName, isoDay, recordName } from "./audit";

describe("audit trail words", () => {
  it("names records, actions and fields as a person reads them", () => {
    expect(entityName("rapid_review")).toBe("Rapid Review");
    expect(entityName("new_kind_of_thing")).toBe("New kind of thing");
    expect(actionWord("update")).toBe("Changed");
    expect(fieldName("referred_on")).toBe("Referred on");
    expect(fieldName("rag")).toBe("RAG rating");
    expect(fieldName("meeting_id")).toBe("Meeting");
    expect(fieldName("id")).toBe("Id");
    const entry = { seq: 1, at: "", who: "", entity: "case", entity_id: "x", label: "Case AK", action: "create", changes: [] };
    expect(recordName(entry)).toBe("Case AK");
    expect(recordName({ ...entry, entity: "settings", label: null })).toBe("Settings");
  });

  it("turns the date fields into ISO days, leaving bad ones for the core to refuse", () => {
    expect(isoDay("4", "6", "2025")).toBe("2025-06-04");
    expect(isoDay("", "", "")).toBeNull();
    expect(isoDay("31", "2", "2025")).toBe("2025-02-31");
  });

  it("sends only the filters given", () => {
    expect(auditQuery({ user: " ", record: "Case AK ", from: "2025-06-01", to: null }, 3)).toEqual({
      user: null,
      record: "Case AK",
      from: "2025-06-01",
      to: null,
      page: 3,
      page_size: 50,
    });
  });
});
