import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import Pagination from "./Pagination.svelte";

const ways = {
  label: "Pages of the list",
  statusId: "list-page",
  previous: { id: "list-previous", text: "Previous", hidden: "page" },
  next: { id: "list-next", text: "Next", hidden: "page" },
};

/** Pagination as a table would hold it: moving shows the page asked for. */
function paged(page: number, pages: number) {
  const onPage = vi.fn(async (to: number) => {
    await result.rerender({ page: to });
  });
  const result = render(Pagination, { ...ways, page, pages, onPage });
  return onPage;
}

describe("Pagination", () => {
  it("shows nothing when everything fits on one page", () => {
    paged(0, 1);
    expect(screen.queryByRole("navigation")).not.toBeInTheDocument();
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("offers only the next page from the first, saying where it is", () => {
    paged(0, 1200);
    expect(screen.getByRole("navigation", { name: "Pages of the list" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Page 1 of 1,200");
    expect(screen.queryByRole("button", { name: "Previous page" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Next page" })).toHaveAttribute("id", "list-next");
  });

  it("moves a page either way, keeping focus on the control pressed", async () => {
    const onPage = paged(1, 3);
    const previous = screen.getByRole("button", { name: "Previous page" });
    const next = screen.getByRole("button", { name: "Next page" });
    previous.focus();
    await fireEvent.click(previous);
    expect(onPage).toHaveBeenLastCalledWith(0);
    // Back on the first page "Previous" has gone: focus goes to "Next", not to the body.
    expect(screen.queryByRole("button", { name: "Previous page" })).not.toBeInTheDocument();
    await waitFor(() => expect(document.activeElement).toBe(next));
    await fireEvent.click(next);
    expect(onPage).toHaveBeenLastCalledWith(1);
    expect(screen.getByRole("status")).toHaveTextContent("Page 2 of 3");
    await waitFor(() => expect(document.activeElement).toBe(next));
  });

  it("moves focus to Previous when Next reaches the last page", async () => {
    const onPage = paged(1, 3);
    await fireEvent.click(screen.getByRole("button", { name: "Next page" }));
    expect(onPage).toHaveBeenLastCalledWith(2);
    expect(screen.getByRole("status")).toHaveTextContent("Page 3 of 3");
    expect(screen.queryByRole("button", { name: "Next page" })).not.toBeInTheDocument();
    await waitFor(() => expect(document.activeElement).toHaveAccessibleName("Previous page"));
  });
});
