// Accessibility check of every screen: serves the built app (dist/), opens each
// scenario in Debian's Chromium with a fake Rust side, runs axe-core against
// WCAG 2.2 AA, saves a screenshot per screen and fails on any violation, page
// error or Content Security Policy report. Run `npm run build` first. What the
// screens show is written by the real core (core/examples/ui_fixtures.rs),
// run here through cargo.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { installFakeIpc } from "./fake-ipc.mjs";
import { SCENARIOS } from "./scenarios.mjs";
import { serve } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "..", "dist");
const shots = join(here, "screenshots");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const TIMEOUT_MS = 10_000;

if (!existsSync(join(dist, "index.html"))) {
  console.error("a11y: no build in dist/: run `npm run build` first.");
  process.exit(2);
}

/** The core's answers for an empty and a demo register, made today; or those
 * in the file UI_FIXTURES names, written earlier by the same example. */
function coreFixtures() {
  if (process.env.UI_FIXTURES) return JSON.parse(readFileSync(process.env.UI_FIXTURES, "utf8"));
  const json = execFileSync(
    "cargo",
    ["run", "--quiet", "--package", "casereview-core", "--example", "ui_fixtures"],
    { cwd: join(here, "..", ".."), encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "inherit"] },
  );
  return JSON.parse(json);
}
const fixtures = coreFixtures();

const axeSource = await readFile(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

/** Visits one scenario; resolves to the problems found (empty when clean). */
async function check(context, url, scenario) {
  const problems = [];
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  try {
    await page.addInitScript(installFakeIpc, { ...scenario.ipc, fixtures });
    await page.goto(url);
    await page.waitForSelector("h1");
    await scenario.steps(page);
    // page.evaluate is not subject to the page's CSP, a <script> tag would be.
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async (tags) => {
      const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
      return result.violations.map((v) => ({
        id: v.id,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(" ")),
      }));
    }, TAGS);
    for (const v of violations) problems.push(`${v.id}: ${v.help} (${v.targets.join(", ")})`);
    await page.screenshot({ path: join(shots, `${scenario.name}.png`), fullPage: true });
  } catch (error) {
    problems.push(`could not reach the screen: ${error.message.split("\n")[0]}`);
  } finally {
    await page.close();
  }
  return problems;
}

const server = await serve(dist);
const profile = await mkdtemp(join(tmpdir(), "crm-a11y-"));
let context;
let passed = 0;
let failed = 0;
try {
  await mkdir(shots, { recursive: true });
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1200, height: 820 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  for (const scenario of SCENARIOS) {
    const problems = await check(context, server.url, scenario);
    if (problems.length === 0) {
      passed += 1;
      console.log(`ok    ${scenario.name}`);
    } else {
      failed += 1;
      console.log(`FAIL  ${scenario.name}`);
      for (const problem of problems) console.log(`        ${problem}`);
    }
  }
} catch (error) {
  failed += 1;
  console.error(`a11y: could not run Chromium: ${error.message}`);
} finally {
  await context?.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
}
console.log(`a11y: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
