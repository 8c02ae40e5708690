import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import { createCase, onLocked, toErrorBody, unlock } from "./api";

describe("toErrorBody", () => {
  it("passes an ErrorBody through", () => {
    const body = {
      code: "validation",
      message: "Check the referral",
      fields: [{ field: "code", message: "Enter a case code" }],
    };
    expect(toErrorBody(body)).toEqual(body);
  });

  it("gives a missing field list as empty", () => {
    expect(toErrorBody({ code: "not_found", message: "No such case" })).toEqual({
      code: "not_found",
      message: "No such case",
      fields: [],
    });
  });

  it("wraps a plain string as internal", () => {
    const body = toErrorBody("command create_case not found");
    expect(body.code).toBe("internal");
    expect(body.message).toContain("command create_case not found");
    expect(body.fields).toEqual([]);
  });

  it("wraps an Error, an unknown code and nothing at all as internal", () => {
    expect(toErrorBody(new Error("boom")).code).toBe("internal");
    expect(toErrorBody({ code: "teapot", message: "short and stout" }).code).toBe("internal");
    expect(toErrorBody(undefined)).toEqual({
      code: "internal",
      message: "Something went wrong in the app.",
      fields: [],
    });
  });
});

describe("commands", () => {
  beforeEach(() => {
    invoke.mockReset();
    onLocked(null);
  });

  it("sends the arguments under the names the Rust commands take", async () => {
    invoke.mockResolvedValue({ id: "1" });
    const input = {
      code: "Case AK",
      kind: "child",
      referred_on: { day: "4", month: "6", year: "2025" },
      referrer: "Police",
      summary: "",
    };
    await createCase(input);
    expect(invoke).toHaveBeenCalledWith("create_case", { input });
  });

  it("rejects with a normalised ErrorBody", async () => {
    invoke.mockRejectedValue("IPC went away");
    await expect(unlock("x")).rejects.toMatchObject({ code: "internal", fields: [] });
  });

  it("tells the app when the register turns out to be locked", async () => {
    const listener = vi.fn();
    onLocked(listener);
    invoke.mockRejectedValue({ code: "locked", message: "The register is locked", fields: [] });
    await expect(createCase({} as never)).rejects.toMatchObject({ code: "locked" });
    expect(listener).toHaveBeenCalledOnce();
  });
});
