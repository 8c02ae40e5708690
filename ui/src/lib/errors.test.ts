import { describe, expect, it } from "vitest";
import type { ErrorBody } from "../bindings/ErrorBody";
import { fieldMessages, restoreHelps, summaryItems } from "./errors";

const refused: ErrorBody = {
  code: "validation",
  message: "Check the referral",
  fields: [
    { field: "code", message: "Enter a case code" },
    { field: "referred_on", message: "Date referred must be a real date" },
    { field: "code", message: "A second message for the same field" },
  ],
};

describe("fieldMessages", () => {
  it("keeps the first message for each field", () => {
    expect(fieldMessages(refused)).toEqual({
      code: "Enter a case code",
      referred_on: "Date referred must be a real date",
    });
  });

  it("is empty when there is no error", () => {
    expect(fieldMessages(null)).toEqual({});
  });
});

describe("summaryItems", () => {
  it("links each field in the core's order, using the anchor a field asks for", () => {
    expect(summaryItems(refused, { referred_on: "referred_on-day" })).toEqual([
      { href: "#code", text: "Enter a case code" },
      { href: "#referred_on-day", text: "Date referred must be a real date" },
    ]);
  });
});

describe("restoreHelps", () => {
  const body = (code: ErrorBody["code"]): ErrorBody => ({ code, message: "m", fields: [] });

  it("offers the restore screen when the register is damaged, missing or not a register", () => {
    for (const code of [
      "register_damaged",
      "register_missing",
      "integrity_failed",
      "audit_broken",
      "not_a_register",
    ] as const) {
      expect(restoreHelps(body(code)), code).toBe(true);
    }
  });

  it("does not when the register is fine and something else must change", () => {
    for (const code of [
      "disk_full",
      "read_only",
      "register_in_use",
      "wrong_passphrase",
      "validation",
    ] as const) {
      expect(restoreHelps(body(code)), code).toBe(false);
    }
    expect(restoreHelps(null)).toBe(false);
  });
});
