import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, isoToDateInput } from "./dates";

describe("formatDate", () => {
  it("writes dates the GOV.UK way, without a leading zero", () => {
    expect(formatDate("2025-06-04")).toBe("4 June 2025");
  });

  it("handles the first and last days of the year", () => {
    expect(formatDate("2025-01-01")).toBe("1 January 2025");
    expect(formatDate("2024-12-31")).toBe("31 December 2024");
  });

  it("returns input that is not an ISO date unchanged rather than guessing", () => {
    expect(formatDate("")).toBe("");
    expect(formatDate("04/06/2025")).toBe("04/06/2025");
    expect(formatDate("2025-13-01")).toBe("2025-13-01");
    expect(formatDate("2025-00-10")).toBe("2025-00-10");
    expect(formatDate("2025-06-00")).toBe("2025-06-00");
    expect(formatDate("2025-06-04T10:00:00Z")).toBe("2025-06-04T10:00:00Z");
  });
});

describe("formatDateTime", () => {
  it("shows UTC timestamps on the clock in England (BST in summer)", () => {
    expect(formatDateTime("2025-06-04T13:05:00Z")).toBe("4 June 2025 at 2:05pm");
  });

  it("uses GMT in winter, and midday and midnight in words", () => {
    expect(formatDateTime("2025-01-10T09:30:00Z")).toBe("10 January 2025 at 9:30am");
    expect(formatDateTime("2025-01-10T12:00:00Z")).toBe("10 January 2025 at midday");
    expect(formatDateTime("2025-01-10T00:00:00Z")).toBe("10 January 2025 at midnight");
  });

  it("returns something that is not a timestamp unchanged", () => {
    expect(formatDateTime("yesterday")).toBe("yesterday");
  });
});

describe("isoToDateInput", () => {
  it("splits a stored date into the fields a person would type", () => {
    expect(isoToDateInput("2025-03-07")).toEqual({ day: "7", month: "3", year: "2025" });
  });

  it("gives empty fields for anything else", () => {
    expect(isoToDateInput("7 March 2025")).toEqual({ day: "", month: "", year: "" });
  });
});
