import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import JobProgress from "./JobProgress.svelte";

describe("JobProgress", () => {
  it("shows how far the job has got in a live region and a labelled bar", () => {
    render(JobProgress, {
      id: "import-job",
      label: "Importing the tracker",
      progress: { stage: "writing", done: 30, total: 120 },
      onCancel: () => {},
    });
    expect(screen.getByRole("status")).toHaveTextContent("Writing rows: 30 of 120 (25%)");
    const bar = screen.getByLabelText("Importing the tracker");
    expect(bar).toHaveAttribute("value", "25");
  });

  it("cancels once, and says so", async () => {
    const onCancel = vi.fn();
    const { rerender } = render(JobProgress, { id: "j", label: "Exporting", progress: null, onCancel });
    expect(screen.getByRole("status")).toHaveTextContent("Starting…");
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onCancel).toHaveBeenCalledOnce();
    await rerender({ id: "j", label: "Exporting", progress: null, onCancel, cancelling: true });
    expect(screen.getByRole("status")).toHaveTextContent("Cancelling…");
    expect(screen.getByRole("button", { name: "Cancel" })).toBeDisabled();
  });
});
