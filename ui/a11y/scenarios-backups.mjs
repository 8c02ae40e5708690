// Accessibility scenarios for automatic backups, restoring from a backup and
// the audit trail (see scenarios.mjs): the backups section of Settings, a
// refused folder, the restore screen from the unlock screen with a backup
// folder holding two backups, a refused passphrase, a restore done, the audit
// trail of the demo register and a case page's history.
import { base, openCase, refused, status } from "./helpers.mjs";

const FOLDER = "/home/chair/.local/share/case-review-manager/backups";
const BACKUPS = [
  { path: `${FOLDER}/register-auto-20250605T130500Z.casereview-backup`, name: "register-auto-20250605T130500Z.casereview-backup", taken_at: "2025-06-05T13:05:00.000Z", kind: "automatic", bytes: 1_534_000 },
  { path: `${FOLDER}/register-before-migration-20250601T090000Z.casereview-backup`, name: "register-before-migration-20250601T090000Z.casereview-backup", taken_at: "2025-06-01T09:00:00.000Z", kind: "before_migration", bytes: 912_000 },
];
const demo = {
  ...base,
  status: status("unlocked", true),
  backups: BACKUPS,
  backupStatus: { settings: { folder: null, rotation: { keep_daily: 7, keep_weekly: 4 } }, folder: FOLDER, last_backup_at: BACKUPS[0].taken_at, backups: BACKUPS },
};
// The unlock screen offers the restore screen when the register cannot be
// opened in a way a backup mends (here a damaged file).
const damaged = { code: "register_damaged", message: "The register cannot be read because part of the file is damaged (file is not a database). It has not been changed. Keep the file aside and restore the register from your latest backup.", fields: [] };
const locked = { ...base, status: status("locked"), backups: BACKUPS, errors: { unlock_remembering: damaged } };

async function backupSettings(page) {
  await page.click("#nav-settings");
  await page.waitForSelector("#last-backup");
}

async function restoreFromUnlock(page) {
  await page.click("#unlock");
  await page.click("#error-summary-restore");
  await page.waitForSelector("#backup-0");
}

/** What the fake core says a restore did. */
const RESTORED = {
  restored: { path: "/home/chair/.local/share/case-review-manager/register.crm", schema_version: 9, cases: 12, changes: 340, last_change_at: BACKUPS[0].taken_at, bytes: 1_534_000 },
  kept_aside: "/home/chair/.local/share/case-review-manager/register-kept-aside-20250606T100000Z.crm",
  keyring_problem: null,
};

/** Restores the newest backup from the unlock screen, up to the success page. */
async function restoreDone(page) {
  await restoreFromUnlock(page);
  await page.fill("#restore-passphrase", "amber kettle ferry lantern");
  await page.click("#restore-backup");
  await page.waitForSelector("#restore-done");
}

export const BACKUP_SCENARIOS = [
  { name: "settings-automatic-backups", ipc: demo, steps: backupSettings },
  {
    name: "settings-automatic-backups-refused",
    ipc: { ...demo, errors: { set_backup_settings: refused([["folder", "The folder /media/stick does not exist or is not connected"], ["keep_daily", "Keep between 1 and 90 daily backups"]]) } },
    steps: async (page) => {
      await backupSettings(page);
      await page.click("#save-backup-settings");
      await page.waitForSelector("#backup-folder-error");
    },
  },
  {
    name: "daily-backup-failed-banner",
    ipc: { ...demo, errors: { automatic_backup: refused([["folder", "The backup folder /media/stick is not available."]]) } },
    steps: async (page) => page.waitForSelector("#backup-problem"),
  },
  { name: "restore-from-unlock", ipc: locked, steps: restoreFromUnlock },
  {
    name: "restore-wrong-passphrase",
    ipc: { ...locked, errors: { ...locked.errors, restore_backup: { code: "wrong_passphrase", message: "The passphrase is not correct for this register. Check it and try again.", fields: [] } } },
    steps: async (page) => {
      await restoreFromUnlock(page);
      await page.fill("#restore-passphrase", "not it");
      await page.click("#restore-backup");
      await page.waitForSelector("#restore-passphrase-error");
    },
  },
  { name: "restore-done", ipc: { ...locked, restored: RESTORED }, steps: restoreDone },
  {
    name: "restore-done-keyring-problem",
    ipc: {
      ...locked,
      restored: {
        ...RESTORED,
        keyring_problem:
          "This device could not update the passphrase it remembers for this register. The next time the app starts it will ask for the passphrase: enter the one you have just used.",
      },
    },
    steps: async (page) => {
      await restoreDone(page);
      await page.waitForSelector("#restore-keyring-problem");
    },
  },
  {
    name: "audit-trail",
    ipc: demo,
    steps: async (page) => {
      await page.click("#nav-audit");
      await page.waitForSelector("#audit-chain-ok");
      await page.waitForSelector("#audit-table");
    },
  },
  {
    name: "case-history",
    ipc: demo,
    steps: async (page) => {
      await openCase(page, "Child Q");
      await page.waitForSelector("#record-history-table");
    },
  },
];
