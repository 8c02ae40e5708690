// Accessibility scenarios for each record's history and for the faults where
// restoring a backup is offered (see scenarios.mjs): a register missing from
// its drive, creating another from there, the problem and unlock screens with
// a damaged register, and the history disclosures opened on a panel meeting,
// a quarter's review, a recommendation, a journey step and a Rapid Review.
import { base, openCase, status } from "./helpers.mjs";

const STICK = "/media/chair/STICK/register.crm";
const missing = { ...base, status: { ...status("register_missing"), register_path: STICK } };
const damaged = {
  code: "register_damaged",
  message: "The register cannot be read because part of the file is damaged (file is not a database). It has not been changed. Keep the file aside and restore the register from your latest backup.",
  fields: [],
};
const demo = { ...base, status: status("unlocked", true) };

/** Opens the first history disclosure matching `selector` and waits for its table. */
async function openHistory(page, selector) {
  const details = page.locator(selector).first();
  await details.locator("summary").click();
  await details.locator("table").waitFor();
}

export const HISTORY_SCENARIOS = [
  { name: "register-missing", ipc: missing, steps: async (page) => page.waitForSelector("#missing-retry") },
  {
    name: "register-missing-create-another",
    ipc: missing,
    steps: async (page) => {
      await page.click("#missing-create");
      await page.waitForSelector("#create-back");
    },
  },
  {
    name: "problem-damaged-restore-offered",
    ipc: { ...base, status: status("locked"), errors: { unlock_remembered: damaged } },
    steps: async (page) => page.waitForSelector("#problem-restore"),
  },
  {
    name: "unlock-damaged-restore-offered",
    ipc: { ...base, status: status("locked"), errors: { unlock_remembering: damaged } },
    steps: async (page) => {
      await page.fill("#unlock-passphrase", "amber kettle ferry lantern");
      await page.click("#unlock");
      await page.waitForSelector("#error-summary-restore");
    },
  },
  {
    name: "history-panel-meeting",
    ipc: demo,
    steps: async (page) => {
      await page.click("#nav-panels");
      await openHistory(page, "details[id^='meeting-history-']");
    },
  },
  {
    name: "history-journey-step",
    ipc: demo,
    steps: async (page) => {
      await openCase(page, "Child Q");
      await openHistory(page, "details[id^='step-history-']");
    },
  },
  {
    name: "history-rapid-review",
    ipc: demo,
    steps: async (page) => {
      await openCase(page, "Child S");
      await page.click("#open-rapid-review");
      await openHistory(page, "#rapid-review-history");
    },
  },
  {
    name: "history-quarter-review",
    ipc: demo,
    steps: async (page) => {
      await page.click("#nav-quarters");
      // The quarter before the current one, signed off in the demo.
      await page.selectOption("#quarter", { index: 1 });
      await page.click("#open-quarter");
      await openHistory(page, "#quarter-history");
    },
  },
  {
    name: "history-recommendation",
    ipc: demo,
    steps: async (page) => {
      await page.click("#nav-actions");
      await page.click("#view-plan");
      await page.selectOption("#plan-source", "Case AN");
      await openHistory(page, "#plan details[id^='rec-history-']");
    },
  },
];
