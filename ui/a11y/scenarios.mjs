// Every screen the accessibility check visits: the canned answers the fake
// Rust side gives, and what a person does to reach the screen. All data is
// fictional.
const PATH = "/home/chair/.local/share/case-review-manager/register.crm";

const status = (state, demo = false) => ({
  state,
  register_path: PATH,
  default_register_path: PATH,
  demo,
  user_name: state === "unlocked" ? "Subgroup chair" : null,
});

const at = "2025-06-04T13:05:00Z";
const kase = (id, code, kind, referred_on, referrer, stage) => ({
  id,
  code,
  kind,
  referred_on,
  referrer,
  summary: "Fictional: referral for a case review.\nNo real names or details.",
  stage,
  is_demo: true,
  created_at: at,
  updated_at: at,
});

const DEMO_CASES = [
  kase("c1", "Case AK", "child", "2025-06-04", "Police", "rapid_review"),
  kase("c2", "Child Q", "child", "2025-01-01", "Children's Social Care", "review_in_progress"),
  kase("c3", "Adult B", "adult", "2024-12-31", "Ambulance service", "not_meeting_criteria"),
  kase("c4", "SCR W12", "joint", "2024-03-27", "Health (ICB)", "action_plan_monitoring"),
  kase("c5", "'Sarah'", "adult", "2023-11-09", "Adult Social Care", "published"),
];

const STRENGTH = {
  score: 1,
  label: "Weak",
  warning: "This is similar to a commonly used password.",
  suggestions: ["Add another word or two. Uncommon words are better."],
  acceptable: false,
};

const refused = (fields) => ({
  code: "validation",
  message: "Some answers need changing.",
  fields: fields.map(([field, message]) => ({ field, message })),
});

const base = { cases: [], strength: STRENGTH, errors: {} };

/** name → { ipc: canned data, steps: async (page) => reach the screen } */
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
    name: "case-list-empty",
    ipc: { ...base, status: status("unlocked") },
    steps: async (page) => page.waitForSelector("#load-demo"),
  },
  {
    name: "case-list-demo",
    ipc: { ...base, status: status("unlocked", true), cases: DEMO_CASES },
    steps: async (page) => {
      await page.waitForSelector("#demo-banner");
      await page.waitForSelector("#case-list tbody tr");
    },
  },
  {
    name: "case-view",
    ipc: { ...base, status: status("unlocked", true), cases: DEMO_CASES },
    steps: async (page) => {
      await page.click("tr[data-case-code='Child Q'] button");
      await page.waitForSelector(".govuk-summary-list");
    },
  },
  {
    name: "case-form",
    ipc: { ...base, status: status("unlocked"), cases: DEMO_CASES },
    steps: async (page) => {
      await page.click("#add-case");
      await page.waitForSelector("#code");
    },
  },
  {
    name: "case-form-edit",
    ipc: { ...base, status: status("unlocked"), cases: DEMO_CASES },
    steps: async (page) => {
      await page.click("tr[data-case-code='Case AK'] button");
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
      await page.click("#add-case");
      await page.click("#save-case");
      await page.waitForSelector(".govuk-error-summary");
    },
  },
];
