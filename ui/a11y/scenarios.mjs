// Every screen the accessibility check visits: the register's state, any
// refusal the fake Rust side gives, and what a person does to reach the
// screen. What the screens show comes from fixtures the real core wrote for an
// empty and a demo register (run.mjs adds them); all of it is fictional.
import { PLAN_SCENARIOS } from "./scenarios-plans.mjs";
import { IMPORT_SCENARIOS } from "./scenarios-import.mjs";
import { QUARTER_SCENARIOS } from "./scenarios-quarters.mjs";
import { AUTOLOCK_SCENARIOS } from "./scenarios-autolock.mjs";
import { TRANSFER_SCENARIOS } from "./scenarios-transfer.mjs";
import { BACKUP_SCENARIOS } from "./scenarios-backups.mjs";
import { HISTORY_SCENARIOS } from "./scenarios-history.mjs";
import { SCREEN_SCENARIOS } from "./scenarios-screens.mjs";
import { base, openCase, refused, status } from "./helpers.mjs";

/** name → { ipc: state and refusals, steps: async (page) => reach the screen } */
export const SCENARIOS = [
  {
    name: "create-register",
    ipc: { ...base, status: status("no_register") },
    steps: async (page) => {
      await page.fill("#passphrase", "password1");
      await page.waitForSelector("#passphrase-strength p");
    },
  },
  {
    name: "create-register-errors",
    ipc: {
      ...base,
      status: status("no_register"),
      errors: {
        create_register: refused([
          ["user_name", "Enter your name or role"],
          ["passphrase", "Choose a longer passphrase: use several words"],
          ["confirm", "The passphrases do not match"],
          ["path", "A register already exists at this location"],
        ]),
      },
    },
    steps: async (page) => {
      await page.click("#create-register");
      await page.waitForSelector(".govuk-error-summary");
    },
  },
  {
    name: "unlock",
    ipc: { ...base, status: status("locked") },
    steps: async (page) => page.waitForSelector("#unlock-passphrase"),
  },
  {
    name: "unlock-wrong-passphrase",
    ipc: {
      ...base,
      status: status("locked"),
      errors: {
        unlock: { code: "wrong_passphrase", message: "The passphrase is not correct", fields: [] },
      },
    },
    steps: async (page) => {
      await page.fill("#unlock-passphrase", "not the passphrase");
      await page.click("#unlock");
      await page.waitForSelector("#unlock-passphrase-error");
    },
  },
  {
    // The first unlock after an update keeps a safety copy first: after two
    // seconds the screen says so (an unlock that has not answered yet).
    name: "unlock-still-opening",
    ipc: { ...base, status: status("locked") },
    steps: async (page) => {
      await page.evaluate(() => {
        const ipc = window.__TAURI_INTERNALS__;
        const fake = ipc.invoke;
        ipc.invoke = (command, args, options) =>
          command === "unlock_remembering" ? new Promise(() => {}) : fake(command, args, options);
      });
      await page.fill("#unlock-passphrase", "amber kettle ferry lantern");
      await page.click("#unlock");
      await page.waitForSelector("#still-opening:has-text('keeps a safety copy')");
    },
  },
  {
    name: "dashboard-empty",
    ipc: { ...base, status: status("unlocked") },
    steps: async (page) => page.waitForSelector("#by-stage"),
  },
  {
    name: "case-list-empty",
    ipc: { ...base, status: status("unlocked") },
    steps: async (page) => {
      await page.click("#nav-cases");
      await page.waitForSelector("#load-demo");
    },
  },
  {
    name: "dashboard-demo",
    ipc: { ...base, status: status("unlocked", true) },
    steps: async (page) => {
      await page.waitForSelector("#demo-banner");
      await page.waitForSelector("#by-stage tbody tr");
    },
  },
  {
    name: "case-list-demo",
    ipc: { ...base, status: status("unlocked", true) },
    steps: async (page) => {
      await page.click("#nav-cases");
      await page.waitForSelector("#case-list tbody tr");
    },
  },
  {
    name: "case-awaiting-rapid-review",
    ipc: { ...base, status: status("unlocked", true) },
    steps: async (page) => openCase(page, "Child S"),
  },
  {
    name: "case-step-chosen",
    ipc: { ...base, status: status("unlocked", true) },
    steps: async (page) => {
      await openCase(page, "Child S");
      await page.check("#step-decide");
      await page.waitForSelector("#outcome-lcspr");
    },
  },
  {
    name: "case-step-refused",
    ipc: {
      ...base,
      status: status("unlocked", true),
      errors: {
        record_step: refused([
          ["step", "Choose the step to record"],
          ["date", "The date must be today or earlier"],
        ]),
      },
    },
    steps: async (page) => {
      await openCase(page, "Child Q");
      await page.click("#save-step");
      await page.waitForSelector(".govuk-error-summary");
    },
  },
  {
    name: "case-published-with-plan",
    ipc: { ...base, status: status("unlocked", true) },
    steps: async (page) => openCase(page, "Case AN"),
  },
  {
    name: "case-closed",
    ipc: { ...base, status: status("unlocked", true) },
    steps: async (page) => openCase(page, "Adult X"),
  },
  {
    name: "case-amend-step",
    ipc: { ...base, status: status("unlocked", true) },
    steps: async (page) => {
      await openCase(page, "Child V");
      await page.click("#timeline button[id^='amend-']");
      await page.waitForSelector("#reason");
    },
  },
  {
    name: "rapid-review-record",
    ipc: { ...base, status: status("unlocked", true) },
    steps: async (page) => {
      await openCase(page, "Child S");
      await page.click("#open-rapid-review");
      await page.waitForSelector("#save-rapid-review");
    },
  },
  {
    name: "review-record",
    ipc: { ...base, status: status("unlocked", true) },
    steps: async (page) => {
      await openCase(page, "Child T");
      await page.click("#open-review");
      await page.waitForSelector("#save-review");
    },
  },
  {
    name: "case-form",
    ipc: { ...base, status: status("unlocked", true) },
    steps: async (page) => {
      await page.click("#nav-cases");
      await page.click("#add-case");
      await page.waitForSelector("#code");
    },
  },
  {
    name: "case-form-edit",
    ipc: { ...base, status: status("unlocked", true) },
    steps: async (page) => {
      await openCase(page, "Child Q");
      await page.click("#edit-case");
      await page.waitForSelector("#code");
    },
  },
  {
    name: "case-form-errors",
    ipc: {
      ...base,
      status: status("unlocked"),
      errors: {
        create_case: refused([
          ["code", "Enter a case code"],
          ["kind", "Select whether the case is about a child, an adult, or both"],
          ["referred_on", "Date referred must be a real date"],
          ["referrer", "Enter the referring agency"],
          ["summary", "Summary must be 2,000 characters or fewer"],
        ]),
      },
    },
    steps: async (page) => {
      await page.click("#nav-cases");
      await page.click("#add-case");
      await page.click("#save-case");
      await page.waitForSelector(".govuk-error-summary");
    },
  },
  {
    name: "panel-meetings",
    ipc: { ...base, status: status("unlocked", true) },
    steps: async (page) => {
      await page.click("#nav-panels");
      await page.waitForSelector("#start-panel");
    },
  },
  {
    name: "panel-start",
    ipc: { ...base, status: status("unlocked", true) },
    steps: async (page) => {
      await page.click("#nav-panels");
      await page.click("#start-panel");
      await page.waitForSelector("#create-panel");
    },
  },
  {
    name: "panel-mode",
    ipc: { ...base, status: status("unlocked", true) },
    steps: async (page) => {
      await page.click("#nav-panels");
      await page.click("#start-panel");
      await page.fill("#attendee-role-0", "Independent chair");
      await page.fill("#attendee-agency-0", "Partnership");
      await page.check("input[data-case-code='Child S']");
      await page.check("input[data-case-code='Case AM']");
      await page.click("#create-panel");
      await page.waitForSelector("#decision");
      await page.keyboard.press("Escape");
    },
  },
  {
    name: "settings",
    ipc: { ...base, status: status("unlocked", true) },
    steps: async (page) => {
      await page.click("#nav-settings");
      await page.waitForSelector("#save-settings");
    },
  },
  {
    name: "settings-backup-done",
    ipc: { ...base, status: status("unlocked", true) },
    steps: async (page) => {
      await page.click("#nav-settings");
      await page.click("#backup-now");
      await page.waitForSelector("#backup-done");
    },
  },
  {
    name: "settings-passphrase-refused",
    ipc: {
      ...base,
      status: status("unlocked", true),
      errors: {
        change_passphrase: refused([
          ["current_passphrase", "Enter the current passphrase"],
          ["new_passphrase", "Choose a stronger passphrase: at least 12 characters, for example several unrelated words"],
          ["confirm", "The new passphrases do not match"],
        ]),
      },
    },
    steps: async (page) => {
      await page.click("#nav-settings");
      await page.fill("#new_passphrase", "password1");
      await page.click("#change-passphrase-button");
      await page.waitForSelector("#change-passphrase .govuk-error-summary");
    },
  },
  ...PLAN_SCENARIOS,
  ...IMPORT_SCENARIOS,
  ...QUARTER_SCENARIOS,
  ...AUTOLOCK_SCENARIOS,
  ...TRANSFER_SCENARIOS,
  ...BACKUP_SCENARIOS,
  ...HISTORY_SCENARIOS,
  ...SCREEN_SCENARIOS,
];
