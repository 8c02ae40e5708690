// Accessibility scenarios for importing a tracker and for the Reports screen:
// the import screen with a file chosen, its preview (mapping selects, sample
// values, the row report), an import in progress with its Cancel button, the
// result; the Reports screen, a refused period, and a saved report. The
// commands these screens add are answered in the page with what the core
// returns for a small messy tracker (see core/src/import/jobs_tests.rs).
import { base, refused, status } from "./helpers.mjs";

const demo = { ...base, status: status("unlocked", true) };

const column = (column, letter, header, field) => ({ column, letter, header, field, score: field ? 0.9 : 0 });
const action = {
  reference: "IMP-CHILDQ-1",
  reference_made: true,
  text: "Deliver exploitation training to frontline practitioners",
  lead_agency: "Police",
  lead_officer: "Detective Inspector, Safeguarding",
  target_date: "2022-03-31",
  target_text: null,
  revised_target_date: null,
  status: "in-progress",
  status_reason: "",
  rag: "green",
  evidence_completion: "",
  evidence_impact: "",
};
const REPORT = {
  file: "Trackers 2022.xlsx",
  sheets: [
    {
      sheet: "Child Q",
      mapping: {
        sheet: "Child Q",
        header_row: 4,
        columns: [
          column(0, "A", "Rec No.", "recommendation-ref"),
          column(1, "B", "Recommendation", "recommendation"),
          column(2, "C", "Action(s)", "action"),
          column(3, "D", "Lead Agency", "lead-agency"),
          column(4, "E", "Responsible Officer", "lead-officer"),
          column(5, "F", "Deadline", "target-date"),
          column(6, "G", "RAG", "rag"),
          column(7, "H", "Comments", null),
        ],
      },
      mapping_from: "proposed",
      signature: "rec no|recommendation|action(s)|lead agency|responsible officer|deadline|rag|comments",
      review: "Child Q",
      new_review: false,
      blank_rows: 1,
      notes: [],
      first_rows: [],
      sample_rows: [
        ["1", "Partners should understand criminal exploitation.", "Deliver exploitation training to frontline practitioners", "Police", "Detective Inspector, Safeguarding", "31/03/2022", "Green", ""],
        ["", "", "Hold a learning event", "Partnership", "Training manager", "Ongoing", "", "Awaiting funding"],
      ],
    },
  ],
  rows: [
    { sheet: "Child Q", row: 5, outcome: "imported", reason: null, warnings: [], recommendations: [{ source: "Child Q", reference: "1", text: "Partners should understand criminal exploitation.", new: true }], action },
    {
      sheet: "Child Q",
      row: 6,
      outcome: "imported",
      reason: null,
      warnings: ["Target date \"Ongoing\" is not a date: kept as text; the target is the day of the import, for you to revise"],
      recommendations: [{ source: "Child Q", reference: "1", text: "Partners should understand criminal exploitation.", new: false }],
      action: { ...action, reference: "IMP-CHILDQ-2", text: "Hold a learning event", lead_agency: "Partnership", lead_officer: "Training manager", target_date: "2025-07-01", target_text: "Ongoing", rag: null, status: "not-started" },
    },
    { sheet: "Child Q", row: 7, outcome: "skipped", reason: "Name the lead officer's role (such as Head of Safeguarding), not a team", warnings: [], recommendations: [], action: null },
  ],
  new_sources: [],
  counts: { rows: 3, imported: 2, skipped: 1, warnings: 1, sources: 0, recommendations: 1, actions: 2 },
  written: false,
};

const CHOICES = {
  period: { from: "2025-04-01", to: "2025-09-30" },
  period_label: "1 April 2025 to 30 September 2025",
  years: [
    { code: "2025/26", label: "2025/26 (1 April 2025 to 31 March 2026, so far)" },
    { code: "2024/25", label: "2024/25 (1 April 2024 to 31 March 2025)" },
  ],
  default_year: "2024/25",
};

/** Answers this slice's commands in the page; `hold` keeps apply_import running. */
async function answerImport(page, { hold = false, boardRefusal = null } = {}) {
  await page.evaluate(
    ({ report, choices, hold, boardRefusal }) => {
      const ipc = window.__TAURI_INTERNALS__;
      const fake = ipc.invoke;
      ipc.invoke = async (command, args, options) => {
        switch (command) {
          case "choose_tracker_file":
            return "/home/chair/Documents/Trackers 2022.xlsx";
          case "tracker_sheets":
            return ["Child Q", "Instructions"];
          case "plan_import":
            return report;
          case "apply_import":
            if (hold) {
              ipc.runCallback(args.onProgress.id, { message: { stage: "writing", done: 1, total: 2 }, index: 0 });
              return new Promise(() => {});
            }
            return { ...report, written: true };
          case "cancel_job":
            return true;
          case "report_choices":
            return choices;
          case "write_board_report":
            if (boardRefusal) throw boardRefusal;
            return { path: args.path, format: "docx", what: "the board report for 1 April 2025 to 30 September 2025", demo: true };
          case "write_annual_report":
            return { path: args.path, format: args.format, what: "the annual report section for 2024/25 (1 April 2024 to 31 March 2025)", demo: true };
          default:
            return fake(command, args, options);
        }
      };
    },
    { report: REPORT, choices: CHOICES, hold, boardRefusal },
  );
}

async function preview(page, options) {
  await answerImport(page, options);
  await page.click("#nav-actions");
  await page.click("#import-tracker");
  await page.click("#choose-file");
  await page.waitForSelector("#import-form");
  await page.click("#preview-import");
  await page.waitForSelector("#import-rows");
}

export const IMPORT_SCENARIOS = [
  {
    name: "import-choose",
    ipc: demo,
    steps: async (page) => {
      await answerImport(page);
      await page.click("#nav-actions");
      await page.click("#import-tracker");
      await page.click("#choose-file");
      await page.waitForSelector("#import-form");
    },
  },
  { name: "import-preview", ipc: demo, steps: (page) => preview(page) },
  {
    name: "import-in-progress",
    ipc: demo,
    steps: async (page) => {
      await preview(page, { hold: true });
      await page.click("#confirm-import");
      await page.waitForSelector("#import-job-cancel");
    },
  },
  {
    name: "import-done",
    ipc: demo,
    steps: async (page) => {
      await preview(page);
      await page.click("#confirm-import");
      await page.waitForSelector("#import-done");
    },
  },
  {
    name: "reports",
    ipc: demo,
    steps: async (page) => {
      await answerImport(page);
      await page.click("#nav-reports");
      await page.waitForSelector("#board-form");
    },
  },
  {
    name: "reports-board-refused",
    ipc: demo,
    steps: async (page) => {
      await answerImport(page, { boardRefusal: refused([["to", "The period must end on or after its start (1 April 2025), not on 1 March 2025"]]) });
      await page.click("#nav-reports");
      await page.click("#write-board");
      await page.waitForSelector("#board-form ~ * .govuk-error-summary, .govuk-error-summary");
    },
  },
  {
    name: "reports-saved",
    ipc: demo,
    steps: async (page) => {
      await answerImport(page);
      await page.click("#nav-reports");
      await page.click("#annual-json");
      await page.click("#write-annual");
      await page.waitForSelector("#report-done");
    },
  },
];
