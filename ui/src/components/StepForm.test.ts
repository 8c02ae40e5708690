import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { ErrorBody } from "../bindings/ErrorBody";
import StepForm from "./StepForm.svelte";

describe("StepForm", () => {
  it("offers only the steps the core allows now", () => {
    render(StepForm, { allowed: ["rr-sent-to-panel", "decide"], onRecord: vi.fn() });
    const steps = screen.getAllByRole("radio").map((r) => (r as HTMLInputElement).value);
    expect(steps).toEqual(["rr-sent-to-panel", "decide"]);
  });

  it("asks for the review types when the step is a decision and sends what was chosen", async () => {
    const onRecord = vi.fn().mockResolvedValue(undefined);
    render(StepForm, { allowed: ["rr-sent-to-panel", "decide"], onRecord });
    await fireEvent.click(screen.getByLabelText("Decision on a review"));
    const lcspr = await screen.findByRole("checkbox", { name: /LCSPR|Local Child Safeguarding Practice Review/ });
    await fireEvent.click(lcspr);
    await fireEvent.input(screen.getByLabelText("Day"), { target: { value: "3" } });
    await fireEvent.input(screen.getByLabelText("Month"), { target: { value: "2" } });
    await fireEvent.input(screen.getByLabelText("Year"), { target: { value: "2025" } });
    await fireEvent.click(screen.getByRole("button", { name: "Record step" }));
    expect(onRecord).toHaveBeenCalledWith({
      step: "decide",
      outcome: ["lcspr"],
      date: { day: "3", month: "2", year: "2025" },
      note: "",
    });
  });

  it("shows the core's refusal in a summary and beside the field", async () => {
    const refusal: ErrorBody = {
      code: "validation",
      message: "The step was not recorded",
      fields: [{ field: "date", message: "The date must be today or earlier" }],
    };
    render(StepForm, { allowed: ["decide"], onRecord: vi.fn().mockRejectedValue(refusal) });
    await fireEvent.click(screen.getByRole("button", { name: "Record step" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The date must be today or earlier");
    expect(document.querySelector(".govuk-error-message")).toHaveTextContent("The date must be today or earlier");
  });

  it("says so when the case is closed", () => {
    render(StepForm, { allowed: [], onRecord: vi.fn() });
    expect(screen.getByText(/no further steps can be recorded/)).toBeInTheDocument();
  });
});
