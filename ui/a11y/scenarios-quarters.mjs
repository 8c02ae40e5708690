// Accessibility scenarios for the quarter review screens (see scenarios.mjs):
// the dashboard's action reminders, choosing a quarter, an open quarter's
// review, panel mode after the chair has used its keys, refusals, and a
// signed-off quarter. The demo register's current quarter is open; the three
// before it are signed off.
import { base, refused, status } from "./helpers.mjs";

const demo = { ...base, status: status("unlocked", true) };

/** The quarter list, from the navigation. */
async function quarters(page) {
  await page.click("#nav-quarters");
  await page.waitForSelector("#quarter");
}

/** The demo's current quarter, which is open. */
async function currentQuarter(page) {
  await quarters(page);
  await page.click("#open-quarter");
  await page.waitForSelector("#quarter-updates");
}

/** Panel mode on the current quarter, on its first action. */
async function panelMode(page) {
  await currentQuarter(page);
  await page.click("#start-panel-mode");
  await page.waitForSelector("#progress-note:focus");
}

export const QUARTER_SCENARIOS = [
  {
    name: "dashboard-action-reminders",
    ipc: demo,
    steps: async (page) => page.waitForSelector("#reminders table"),
  },
  {
    name: "quarter-list",
    ipc: demo,
    steps: quarters,
  },
  {
    name: "quarter-open-refused",
    ipc: {
      ...demo,
      errors: { open_quarter: refused([["quarter", "That quarter is already open or closed"]]) },
    },
    steps: async (page) => {
      await quarters(page);
      // A quarter the demo has not opened: the fake refuses it as the core would one already open.
      await page.selectOption("#quarter", { index: 4 });
      await page.click("#open-quarter");
      await page.waitForSelector("#quarter-error");
    },
  },
  {
    name: "quarter-open",
    ipc: demo,
    steps: currentQuarter,
  },
  {
    name: "quarter-panel-mode",
    ipc: demo,
    steps: async (page) => {
      await panelMode(page);
      await page.keyboard.type("Training dates agreed with all partners.");
      await page.waitForFunction(() => document.querySelector("#save-state")?.textContent?.includes("Saved at"));
      await page.keyboard.press("Escape");
      await page.keyboard.press("n");
      await page.waitForSelector("h1:has-text('(2 of 5)')");
      await page.keyboard.press("Escape");
      await page.keyboard.press("r");
      await page.waitForSelector("#panel-notice:has-text('RAG set to Red')");
    },
  },
  {
    name: "quarter-panel-refused",
    ipc: {
      ...demo,
      errors: {
        update_quarter: refused([["escalation_reason", "Enter why the action is escalated to the Executive Board"]]),
      },
    },
    steps: async (page) => {
      await panelMode(page);
      await page.check("#escalate");
      await page.click("#save-update");
      await page.waitForSelector("#escalation_reason-error");
    },
  },
  {
    name: "quarter-signed-off",
    ipc: demo,
    steps: async (page) => {
      await quarters(page);
      // The quarter before the current one, signed off in the demo.
      await page.selectOption("#quarter", { index: 1 });
      await page.click("#open-quarter");
      await page.waitForSelector("#quarter-signed-off");
    },
  },
  {
    name: "quarter-close-errors",
    ipc: {
      ...demo,
      errors: { close_quarter: refused([["closed_by", "Enter who signed the quarter off"]]) },
    },
    steps: async (page) => {
      await currentQuarter(page);
      await page.click("#close-quarter");
      await page.waitForSelector("#closed_by-error");
    },
  },
];
