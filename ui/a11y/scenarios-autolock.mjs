// Accessibility scenarios for locking (see scenarios.mjs): the unlock screen
// with "remember on this device", the same when no keyring service runs,
// the unlock screen after a lock that kept unsaved input, the notice after
// an unlock that could not remember, and the auto-lock settings, refused.
import { base, refused, status } from "./helpers.mjs";

const locked = { ...base, status: status("locked") };
const demo = { ...base, status: status("unlocked", true) };
const NO_KEYRING =
  "The passphrase cannot be remembered on this device: no keyring service is running (for example GNOME Keyring or KWallet). Enter it each time instead.";

async function settings(page) {
  await page.click("#nav-settings");
  await page.waitForSelector("#idle_minutes");
}

export const AUTOLOCK_SCENARIOS = [
  {
    name: "unlock-remember",
    ipc: locked,
    steps: async (page) => page.waitForSelector("#remember"),
  },
  {
    name: "unlock-keyring-unavailable",
    ipc: { ...locked, keyringProblem: NO_KEYRING },
    steps: async (page) => page.waitForSelector("#keyring-problem"),
  },
  {
    name: "unlock-after-lock-kept-drafts",
    ipc: demo,
    steps: async (page) => {
      await page.click("#nav-cases");
      await page.click("#add-case");
      await page.fill("#code", "Case AZ");
      await page.press("#code", "Control+l");
      await page.waitForSelector("#drafts-kept");
    },
  },
  {
    name: "unlocked-keyring-problem",
    ipc: { ...locked, keyringProblem: NO_KEYRING },
    steps: async (page) => {
      await page.fill("#unlock-passphrase", "amber kettle ferry lantern");
      await page.check("#remember");
      await page.click("#unlock");
      await page.waitForSelector("#keyring-problem.govuk-notification-banner");
    },
  },
  {
    name: "settings-auto-lock",
    ipc: demo,
    steps: settings,
  },
  {
    name: "settings-auto-lock-refused",
    ipc: {
      ...demo,
      errors: { set_lock_settings: refused([["idle_minutes", "Enter a number of minutes from 1 to 60"]]) },
    },
    steps: async (page) => {
      await settings(page);
      await page.fill("#idle_minutes", "0");
      await page.click("#save-auto-lock");
      await page.waitForSelector("#idle_minutes-error");
    },
  },
];
