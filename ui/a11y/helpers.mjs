// What the scenarios share: the register's state as the Rust side reports it,
// a refusal with field messages, and the way to a demo case.
const PATH = "/home/chair/.local/share/case-review-manager/register.crm";

export const status = (state, demo = false) => ({
  state,
  register_path: PATH,
  default_register_path: PATH,
  demo,
  user_name: state === "unlocked" ? "Subgroup chair" : null,
});

const STRENGTH = {
  score: 1,
  label: "Weak",
  warning: "This is similar to a commonly used password.",
  suggestions: ["Add another word or two. Uncommon words are better."],
  acceptable: false,
};

export const refused = (fields) => ({
  code: "validation",
  message: "Some answers need changing.",
  fields: fields.map(([field, message]) => ({ field, message })),
});

export const base = { strength: STRENGTH, errors: {} };

/** Opens a demo case from the case list by its code. */
export async function openCase(page, code) {
  await page.click("#nav-cases");
  await page.click(`tr[data-case-code="${code}"] button`);
  await page.waitForSelector("#timeline");
}

