import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import LongSelect, { LONG_LIST } from "./LongSelect.svelte";

const reviews = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const code = `Case ${String(i + 1).padStart(4, "0")}`;
    return [code, `${code}: Review of ${code}`] as [string, string];
  });
const texts = () => Array.from((document.querySelector("#review") as HTMLSelectElement).options, (o) => o.text);

describe("LongSelect", () => {
  it("puts a short list in whole at once", () => {
    render(LongSelect, { id: "review", any: "Every review", options: reviews(3) });
    expect(texts()).toEqual(["Every review", "Case 0001: Review of Case 0001", "Case 0002: Review of Case 0002", "Case 0003: Review of Case 0003"]);
  });

  it("puts a long list in only when the select is first focused, keeping what is chosen", async () => {
    const onchange = vi.fn();
    render(LongSelect, { id: "review", any: "Every review", options: reviews(LONG_LIST * 10), value: "Case 0500", onchange });
    const select = screen.getByRole("combobox") as HTMLSelectElement;
    // Only the "any" choice and the one chosen, which the select shows.
    expect(texts()).toEqual(["Every review", "Case 0500: Review of Case 0500"]);
    expect(select.value).toBe("Case 0500");
    await fireEvent.focus(select);
    expect(select.options).toHaveLength(LONG_LIST * 10 + 1);
    expect(select.value).toBe("Case 0500");
    expect(select.selectedOptions[0]?.text).toBe("Case 0500: Review of Case 0500");
    await fireEvent.change(select, { target: { value: "Case 1999" } });
    expect(onchange).toHaveBeenCalledWith("Case 1999");
  });

  it("puts a long list in when pressed with a pointer, before its list opens", async () => {
    render(LongSelect, { id: "review", name: "review", any: "Every review", options: reviews(LONG_LIST + 1) });
    const select = screen.getByRole("combobox", { name: "" }) as HTMLSelectElement;
    expect(select.options).toHaveLength(1);
    expect(select).toHaveAttribute("name", "review");
    await fireEvent.pointerDown(select);
    expect(select.options).toHaveLength(LONG_LIST + 2);
    expect(select.value).toBe("");
  });
});
