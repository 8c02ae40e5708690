import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ErrorBody } from "../bindings/ErrorBody";
import * as api from "../lib/api";
import CaseForm from "./CaseForm.svelte";

vi.mock("../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../lib/api")>()),
  createCase: vi.fn(),
  getCase: vi.fn(),
  updateCase: vi.fn(),
}));

const refused: ErrorBody = {
  code: "validation",
  message: "The referral was not saved",
  fields: [
    { field: "code", message: "Enter a case code" },
    { field: "kind", message: "Select whether the case is about a child, an adult, or both" },
    { field: "referred_on", message: "Date referred must be a real date" },
    { field: "referrer", message: "Enter the referring agency" },
    { field: "summary", message: "Summary must be 2000 characters or fewer" },
  ],
};

function props() {
  return { onSaved: vi.fn(), onCancel: vi.fn() };
}

describe("CaseForm", () => {
  beforeEach(() => {
    vi.mocked(api.createCase).mockReset();
  });

  it("sends what was typed, as typed, for the core to check", async () => {
    vi.mocked(api.createCase).mockRejectedValue(refused);
    render(CaseForm, props());
    await fireEvent.input(await screen.findByLabelText("Case code"), {
      target: { value: "Case AK" },
    });
    await fireEvent.click(screen.getByLabelText("Joint child and adult"));
    await fireEvent.input(screen.getByLabelText("Day"), { target: { value: "31" } });
    await fireEvent.input(screen.getByLabelText("Month"), { target: { value: "2" } });
    await fireEvent.input(screen.getByLabelText("Year"), { target: { value: "2025" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save case" }));
    expect(api.createCase).toHaveBeenCalledWith({
      code: "Case AK",
      kind: "joint",
      referred_on: { day: "31", month: "2", year: "2025" },
      referrer: "",
      summary: "",
    });
  });

  it("shows the core's validation errors in a summary and beside each field", async () => {
    vi.mocked(api.createCase).mockRejectedValue(refused);
    const { container } = render(CaseForm, props());
    await fireEvent.click(await screen.findByRole("button", { name: "Save case" }));

    const summary = await screen.findByRole("alert");
    expect(summary).toHaveTextContent("There is a problem");
    const links = Array.from(summary.querySelectorAll("a")).map((a) => [
      a.getAttribute("href"),
      a.textContent,
    ]);
    expect(links).toEqual([
      ["#code", "Enter a case code"],
      ["#kind-child", "Select whether the case is about a child, an adult, or both"],
      ["#referred_on-day", "Date referred must be a real date"],
      ["#referrer", "Enter the referring agency"],
      ["#summary", "Summary must be 2000 characters or fewer"],
    ]);
    expect(document.activeElement).toBe(container.querySelector(".govuk-error-summary"));

    for (const { field, message } of refused.fields) {
      expect(container.querySelector(`#${field}-error`)).toHaveTextContent(message);
    }
    expect(screen.getByLabelText("Case code")).toHaveAttribute(
      "aria-describedby",
      "code-hint code-error",
    );
    expect(document.title).toBe("Error: Add a case referral - Case Review Manager");
  });

  it("moves focus to the field when its summary link is followed", async () => {
    vi.mocked(api.createCase).mockRejectedValue(refused);
    render(CaseForm, props());
    await fireEvent.click(await screen.findByRole("button", { name: "Save case" }));
    await fireEvent.click(await screen.findByRole("link", { name: /real date/ }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("Day")));
  });

  it("goes on to the saved case", async () => {
    const saved = { id: "c1", code: "Case AK" };
    vi.mocked(api.createCase).mockResolvedValue(saved as never);
    const handlers = props();
    render(CaseForm, handlers);
    await fireEvent.click(await screen.findByRole("button", { name: "Save case" }));
    await waitFor(() => expect(handlers.onSaved).toHaveBeenCalledWith(saved));
  });
});
