// Accessibility scenarios for the screens a large register would make long
// (issue 7): the dashboard's reminders showing the first ten of 1,623 with
// "Show all", that button opening the tracker filtered, and the thematic
// tracker a page of reviews at a time, and the case list 50 cases a page. The
// large register's answers are made here (`answers`, in the fixtures' form),
// since the demo's fit on a page.
import { base, status } from "./helpers.mjs";

const demo = { ...base, status: status("unlocked", true) };
const ok = (value) => ({ ok: value });

const reminder = (i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  reference: `24/25-${String(i).padStart(4, "0")}`,
  text: "Audit the use of the neglect screening tool in early help assessments",
  lead_agency: i % 2 ? "Children's Social Care" : "Health",
  target_date: `2024-01-${String(10 + (i % 1000)).padStart(2, "0")}`,
});

const LONG_REMINDERS = ok({
  due_soon: { total: 214, first: Array.from({ length: 10 }, (_, i) => reminder(2000 + i)) },
  overdue: { total: 1623, first: Array.from({ length: 10 }, (_, i) => reminder(1 + i)) },
  no_update_this_quarter: { total: 3, first: [reminder(1), reminder(2), reminder(2001)] },
  quarter: "Q3 2026/27 (October to December 2026)",
  escalations: ["24/25-0001: No lead officer since the restructure"],
});

// 45 reviews, newest first, against three themes; keyed by the page's offset.
const THEMES = ["Neglect", "Information sharing", "Professional curiosity"];
const CODES = Array.from({ length: 45 }, (_, i) => `Case ${String(45 - i).padStart(2, "0")}`);
const thematicPage = (offset) =>
  ok({
    columns: CODES.slice(offset, offset + 20).map((code, i) => ({
      source_code: code,
      source_title: i % 4 === 0 ? `Thematic review ${code}` : `Review of ${code}`,
    })),
    rows: THEMES.map((theme, t) => ({
      theme,
      cells: CODES.slice(offset, offset + 20).map((_, i) => ({
        recommendations: (i + t) % 3,
        open_actions: (i + t) % 2,
      })),
      sources: 45 - 10 * t,
      recommendations: 60 - 12 * t,
      open_actions: 20 - 5 * t,
    })),
    offset,
    total_columns: 45,
  });

const large = {
  ...demo,
  answers: {
    reminders: LONG_REMINDERS,
    thematic_tracker: { by: "query.offset", answers: { 0: thematicPage(0), 20: thematicPage(20), 40: thematicPage(40) } },
  },
};

// 120 fictional cases, newest referral first as the core lists them.
const KINDS = ["child", "adult", "joint"];
const STAGES = ["referral_received", "rapid_review", "review_in_progress", "action_plan_monitoring", "closed"];
const AGENCIES = ["Police", "Children's Social Care", "Health", "Education"];
const LARGE_CASES = Array.from({ length: 120 }, (_, i) => {
  const day = new Date(Date.UTC(2026, 10, 30) - i * 5 * 86_400_000).toISOString().slice(0, 10);
  return {
    id: `00000000-0000-4000-9000-${String(i + 1).padStart(12, "0")}`,
    code: `Case ${String(120 - i).padStart(3, "0")}`,
    kind: KINDS[i % 3],
    referred_on: day,
    referrer: AGENCIES[i % 4],
    summary: "Fictional",
    stage: STAGES[i % 5],
    is_demo: false,
    created_at: `${day}T10:00:00Z`,
    updated_at: `${day}T10:00:00Z`,
  };
});

export const SCREEN_SCENARIOS = [
  {
    name: "dashboard-reminders-first-ten",
    ipc: large,
    steps: async (page) => {
      await page.waitForSelector("#reminders-overdue-all:has-text('Show all 1,623 overdue actions')");
      await page.waitForSelector("#by-stage");
    },
  },
  {
    name: "dashboard-show-all-opens-the-tracker",
    ipc: demo,
    steps: async (page) => {
      const show = await page.waitForSelector("#reminders [id$='-all']");
      await show.focus();
      await page.keyboard.press("Enter");
      await page.waitForSelector("#action-tracker");
      await page.waitForSelector(".app-tracker-filters input:checked");
      await page.waitForSelector("th[aria-sort='ascending'] button[data-sort='target']");
      await page.waitForSelector("#tracker-count:has-text('Showing')");
    },
  },
  {
    name: "actions-themes-paged",
    ipc: large,
    steps: async (page) => {
      await page.click("#nav-actions");
      await page.click("#view-themes");
      await page.waitForSelector("#thematic-shown:has-text('1 to 20 of 45')");
      await page.click("#thematic-older");
      await page.waitForSelector("#thematic-shown:has-text('21 to 40 of 45')");
      await page.waitForSelector("#thematic-older:focus");
    },
  },
  {
    name: "case-list-paged",
    ipc: { ...demo, answers: { list_cases: ok(LARGE_CASES) } },
    steps: async (page) => {
      await page.click("#nav-cases");
      await page.waitForSelector("#case-list-shown:has-text('Cases 1 to 50 of 120')");
      await page.click("#case-list-next");
      await page.waitForSelector("#case-list-shown:has-text('Cases 51 to 100 of 120')");
      await page.waitForSelector("#case-list-page:has-text('Page 2 of 3')");
      await page.waitForSelector("#case-list-next:focus");
    },
  },
];
