// Accessibility scenarios for the whole-register export (see scenarios.mjs):
// the form in Settings with sensitive fields ticked, the confirmation after
// an export, and a refusal shown in the error summary.
import { base, refused, status } from "./helpers.mjs";

const demo = { ...base, status: status("unlocked", true) };

async function form(page) {
  await page.click("#nav-settings");
  await page.waitForSelector("#export-register-form");
}

export const TRANSFER_SCENARIOS = [
  {
    name: "settings-export-register",
    ipc: demo,
    steps: async (page) => {
      await form(page);
      await page.check("#register-format-csv");
      await page.check("#register-include-sensitive");
    },
  },
  {
    name: "settings-export-register-done",
    ipc: demo,
    steps: async (page) => {
      await form(page);
      await page.click("#export-register-button");
      await page.waitForSelector("#export-register-done");
    },
  },
  {
    name: "settings-export-register-refused",
    ipc: {
      ...demo,
      errors: { export_register: refused([["out", "The folder /home/chair/gone does not exist"]]) },
    },
    steps: async (page) => {
      await form(page);
      await page.click("#export-register-button");
      await page.waitForSelector("#export-register .govuk-error-summary");
    },
  },
];
