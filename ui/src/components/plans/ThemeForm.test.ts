import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import type { Theme } from "../../bindings/Theme";
import * as api from "../../lib/api";
import ThemeForm from "./ThemeForm.svelte";

vi.mock("../../lib/api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/api")>()),
  addTheme: vi.fn(),
}));

const preset: Theme = { id: "t1", name: "Neglect", preset: true };

describe("ThemeForm", () => {
  it("adds the partnership's own theme and says so", async () => {
    const mine: Theme = { id: "t2", name: "Transition to adulthood", preset: false };
    vi.mocked(api.addTheme).mockResolvedValue(mine);
    const onAdded = vi.fn();
    render(ThemeForm, { themes: [preset], onAdded });
    await fireEvent.input(screen.getByLabelText("Add a theme of your own"), {
      target: { value: "Transition to adulthood" },
    });
    await fireEvent.click(screen.getByRole("button", { name: "Add theme" }));
    expect(api.addTheme).toHaveBeenCalledWith("Transition to adulthood");
    expect(onAdded).toHaveBeenCalledWith(mine);
    expect(await screen.findByText('Theme "Transition to adulthood" added')).toBeInTheDocument();
  });

  it("shows why a theme was refused, beside the field", async () => {
    vi.mocked(api.addTheme).mockRejectedValue({
      code: "validation",
      message: "The theme was not added",
      fields: [{ field: "name", message: 'There is already a theme called "Neglect"' }],
    });
    const onAdded = vi.fn();
    render(ThemeForm, { themes: [preset], onAdded });
    await fireEvent.click(screen.getByRole("button", { name: "Add theme" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("There is already a theme called");
    expect(document.querySelector("#theme-name-error")).toHaveTextContent("Neglect");
    expect(onAdded).not.toHaveBeenCalled();
  });
});
