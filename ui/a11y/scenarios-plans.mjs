// Accessibility scenarios for the action plan screens (see scenarios.mjs):
// the tracker (as it opens and filtered), one review's plan, the thematic
// tracker, the add-action form with its warning about a similar action and
// with the core's refusal, and one action, open and closed.
import { base, refused, status } from "./helpers.mjs";

const demo = { ...base, status: status("unlocked", true) };

async function openActions(page) {
  await page.click("#nav-actions");
  await page.waitForSelector("#action-tracker tbody tr[data-action-ref]");
}

async function openAction(page, reference) {
  await openActions(page);
  await page.click(`tr[data-action-ref="${reference}"] button`);
  await page.waitForSelector("#action-history");
}

/**
 * The fixtures hold the core's answers to read commands only, and
 * similar_actions takes what is typed. Answer it in the page the way the core
 * does for wording like DEMO-01's: that open action, "similar wording".
 */
async function answerSimilar(page, reference) {
  await page.evaluate((wanted) => {
    const ipc = window.__TAURI_INTERNALS__;
    const fake = ipc.invoke;
    ipc.invoke = async (command, args, options) => {
      if (command !== "similar_actions") return fake(command, args, options);
      const all = await fake("list_actions", { filter: { overdue: false, theme: null, agency: null } });
      return all
        .filter((a) => a.reference === wanted)
        .map((a) => ({
          id: a.id,
          reference: a.reference,
          text: a.text,
          sources: [...new Set(a.answers.map((answer) => answer.source_code))],
          score: 0.82,
          why: "similar wording",
        }));
    };
  }, reference);
}

/** The demo has no closed action: show one of its actions as the core would once it is signed off. */
async function closeInPage(page, reference) {
  await page.evaluate((wanted) => {
    const ipc = window.__TAURI_INTERNALS__;
    const fake = ipc.invoke;
    ipc.invoke = async (command, args, options) => {
      const found = await fake(command, args, options);
      if (command !== "action" || found.reference !== wanted) return found;
      return {
        ...found,
        status: "complete-embedded",
        rag: "blue",
        evidence_completion: found.evidence_completion || "Training delivered to 240 practitioners across 9 agencies",
        evidence_impact: "Audit of 30 cases found exploitation screening used in 27 of them",
        signed_off_by: "Chair of the Case Review Subgroup",
        signed_off_on: found.target_date,
      };
    };
  }, reference);
}

export const PLAN_SCENARIOS = [
  {
    name: "actions-tracker",
    ipc: demo,
    steps: openActions,
  },
  {
    name: "actions-tracker-filtered",
    ipc: demo,
    steps: async (page) => {
      await openActions(page);
      await page.selectOption("#filter-source", "Case AN");
      await page.check("#filter-overdue");
      await page.uncheck("#filter-overdue");
      await page.click("button[data-sort='rag']");
      await page.waitForSelector("th[aria-sort='ascending'] button[data-sort='rag']");
      await page.waitForSelector("#tracker-count:has-text('Showing 3 of 5 actions')");
    },
  },
  {
    // A ten-year register's review filter: past LongSelect's LONG_LIST, its
    // choices are put in when it is first focused, then one far down is chosen.
    name: "actions-tracker-long-filter",
    ipc: {
      ...demo,
      answers: {
        tracker_choices: {
          ok: {
            sources: Array.from({ length: 250 }, (_, i) => `Case ${String(i + 1).padStart(4, "0")}`),
            agencies: ["Health", "Police"],
            themes: ["Information sharing"],
          },
        },
      },
    },
    steps: async (page) => {
      await openActions(page);
      await page.focus("#filter-source");
      await page.waitForFunction(() => document.querySelectorAll("#filter-source option").length === 251);
      await page.selectOption("#filter-source", "Case 0240");
      await page.waitForFunction(() => document.querySelector("#filter-source").value === "Case 0240");
    },
  },
  {
    name: "actions-plan",
    ipc: demo,
    steps: async (page) => {
      await openActions(page);
      await page.click("#view-plan");
      await page.selectOption("#plan-source", "Case AN");
      await page.waitForSelector("#plan[data-source='Case AN'] [data-rec-ref='R2']");
    },
  },
  {
    name: "actions-plan-outcome-refused",
    ipc: {
      ...demo,
      errors: {
        set_recommendation_outcome: refused([
          ["outcome_reason", "Enter the reason the recommendation is not accepted: the board must report it"],
        ]),
      },
    },
    steps: async (page) => {
      await openActions(page);
      await page.click("#view-plan");
      await page.selectOption("#plan-source", "Child W");
      await page.click("[data-rec-ref='R2'] button[id^='record-outcome-']");
      await page.check("#outcome-not-accepted");
      await page.click("#save-outcome");
      await page.waitForSelector("#outcome_reason-error");
    },
  },
  {
    name: "actions-themes",
    ipc: demo,
    steps: async (page) => {
      await openActions(page);
      await page.click("#view-themes");
      await page.waitForSelector("#thematic-tracker tbody tr");
    },
  },
  {
    name: "actions-export-done",
    ipc: demo,
    steps: async (page) => {
      await openActions(page);
      await page.check("#export-exceptions");
      await page.click("#export-tracker");
      await page.waitForSelector("#export-done");
    },
  },
  {
    name: "actions-export-refused",
    ipc: { ...demo, errors: { export_tracker: refused([["review", "There is no review or report with the code \"Case ZZ\""]]) } },
    steps: async (page) => {
      await openActions(page);
      await page.click("#export-tracker");
      await page.waitForSelector("#export .govuk-error-summary");
    },
  },
  {
    name: "actions-theme-refused",
    ipc: { ...demo, errors: { add_theme: refused([["name", "There is already a theme called \"Neglect\""]]) } },
    steps: async (page) => {
      await openActions(page);
      await page.click("#view-themes");
      await page.fill("#theme-name", "Neglect");
      await page.click("#add-theme");
      await page.waitForSelector("#theme-name-error");
    },
  },
  {
    name: "action-form-similar",
    ipc: demo,
    steps: async (page) => {
      await answerSimilar(page, "DEMO-01");
      await openActions(page);
      await page.click("#add-action");
      await page.waitForSelector("#action-form");
      await page.check("#action-form input[name='answers']");
      await page.fill("#reference", "DEMO-06");
      await page.fill("#text", "Deliver multi-agency training on professional curiosity and exploitation");
      await page.fill("#lead_agency", "Safeguarding partnership");
      await page.click("#lead_officer");
      await page.waitForSelector("#similar-actions [data-similar-ref='DEMO-01']");
    },
  },
  {
    name: "action-form-errors",
    ipc: {
      ...demo,
      errors: {
        add_action: refused([
          ["reference", "Enter an action reference"],
          ["text", "Enter what will be done"],
          ["lead_agency", "Enter the lead agency"],
          ["lead_officer", "Name the lead officer's role (such as Head of Safeguarding), not a team"],
          ["target", "Target date must be a real date"],
          ["answers", "Choose the recommendation(s) this action answers"],
        ]),
      },
    },
    steps: async (page) => {
      await openActions(page);
      await page.click("#add-action");
      await page.click("#save-action");
      await page.waitForSelector(".govuk-error-summary");
    },
  },
  {
    name: "action-view",
    ipc: demo,
    steps: async (page) => {
      await openAction(page, "DEMO-04");
      await page.waitForSelector("#action-history [data-history='target-revised']");
      await page.waitForSelector("#progress-form");
    },
  },
  {
    name: "action-view-paused-refused",
    ipc: {
      ...demo,
      errors: { set_progress: refused([["status_reason", "Enter why the action is paused"]]) },
    },
    steps: async (page) => {
      await openAction(page, "DEMO-02");
      await page.check("#status-paused");
      await page.click("#save-progress");
      await page.waitForSelector("#status_reason-error");
    },
  },
  {
    name: "action-view-closed",
    ipc: demo,
    steps: async (page) => {
      await closeInPage(page, "DEMO-01");
      await openAction(page, "DEMO-01");
      await page.waitForSelector("#reopen-form");
    },
  },
];
