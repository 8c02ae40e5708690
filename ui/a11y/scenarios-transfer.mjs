// Accessibility scenarios for the whole-register export and import (see
// scenarios.mjs): the export form in Settings with sensitive fields ticked,
// an export in progress, the confirmation after an export, and a refusal
// shown in the error summary; the import's preview of what a file holds, an
// import in progress, its report, and the core's refusal of a register that
// is not empty.
import { base, refused, status } from "./helpers.mjs";

const demo = { ...base, status: status("unlocked", true) };
const empty = { ...base, status: status("unlocked", false) };

/** What the preview (and, written, the import) says of the export chosen. */
const PREVIEW = {
  file: "case-review-register-2026-11-30.json",
  records: 1234,
  counts: { meta: 6, themes: 14, cases: 12, case_events: 96, rapid_reviews: 8, reviews: 5, recommendations: 20, actions: 60, action_history: 1013 },
  generated_at: "2026-11-30T14:05:00.000Z",
  generated_by: "Subgroup chair",
  schema_version: 9,
  demo: false,
  written: false,
};

/** Answers this slice's commands in the page; `hold` keeps the named job
 * running at 40%; `refuse` is the preview's refusal. */
async function answerTransfer(page, { hold = null, refuse = null } = {}) {
  await page.evaluate(
    ({ preview, hold, refuse }) => {
      const ipc = window.__TAURI_INTERNALS__;
      const fake = ipc.invoke;
      const held = (args) => {
        ipc.runCallback(args.onProgress.id, { message: { stage: "writing", done: 494, total: 1234 }, index: 0 });
        return new Promise(() => {});
      };
      ipc.invoke = async (command, args, options) => {
        if (command === hold) return held(args);
        switch (command) {
          case "choose_register_export":
            return "/media/usb/case-review-register-2026-11-30.json";
          case "preview_register_import":
            if (refuse) throw refuse;
            return preview;
          case "import_register":
            return { ...preview, written: true };
          case "cancel_job":
            return true;
          default:
            return fake(command, args, options);
        }
      };
    },
    { preview: PREVIEW, hold, refuse },
  );
}

async function importPreview(page, options) {
  await answerTransfer(page, options);
  await page.click("#nav-settings");
  await page.click("#choose-register-export");
  await page.waitForSelector("#import-register-counts");
}

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
  {
    name: "settings-export-register-in-progress",
    ipc: demo,
    steps: async (page) => {
      await answerTransfer(page, { hold: "export_register" });
      await form(page);
      await page.click("#export-register-button");
      await page.waitForSelector("#export-register-job-cancel");
    },
  },
  { name: "settings-import-register-preview", ipc: empty, steps: (page) => importPreview(page) },
  {
    name: "settings-import-register-in-progress",
    ipc: empty,
    steps: async (page) => {
      await importPreview(page, { hold: "import_register" });
      await page.click("#confirm-register-import");
      await page.waitForSelector("#import-register-job-cancel");
    },
  },
  {
    name: "settings-import-register-done",
    ipc: empty,
    steps: async (page) => {
      await importPreview(page);
      await page.click("#confirm-register-import");
      await page.waitForSelector("#import-register-report");
    },
  },
  {
    name: "settings-import-register-not-empty",
    ipc: demo,
    steps: async (page) => {
      await answerTransfer(page, {
        refuse: {
          code: "not_empty",
          message:
            "A whole-register export can only be imported into an empty register, so two registers never mix; this one already holds 1220 record(s) and demo data. Create a new register and import into that. Nothing was imported.",
          fields: [],
        },
      });
      await page.click("#nav-settings");
      await page.click("#choose-register-export");
      await page.waitForSelector("#import-register .govuk-error-summary");
    },
  },
];
