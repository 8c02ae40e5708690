// The stand-in for the Rust side: installed in the page before the app loads,
// it answers the app's Tauri commands the way @tauri-apps/api/mocks does. Read
// commands are answered from the fixtures the real core wrote (see
// core/examples/ui_fixtures.rs); the register's state, the strength hint and
// any refusal come from the scenario. It runs in the browser, so it must not
// refer to anything outside itself.
export function installFakeIpc(scenario) {
  let status = { ...scenario.status };
  let answers = scenario.fixtures[status.demo ? "demo" : "empty"];

  /** A fixture answer: `{ok}` resolves, `{err}` rejects like a Rust error.
   * Some are keyed by an argument: `{by: "id", answers: {[id]: answer}}`;
   * `by` may name a field inside one, as in "query.source". A scenario's own
   * `answers`, in the same form, come first (a register larger than the demo). */
  function answer(command, args) {
    let entry = scenario.answers?.[command] ?? answers[command];
    if (entry?.by) entry = entry.answers[entry.by.split(".").reduce((value, key) => value?.[key], args)];
    if (!entry) return undefined;
    if ("err" in entry) throw entry.err;
    return entry.ok;
  }

  async function invoke(command, args) {
    const fail = scenario.errors[command];
    if (fail) throw fail;
    switch (command) {
      case "app_status":
        return status;
      case "passphrase_strength":
        return scenario.strength;
      case "create_register":
      case "unlock":
        status = { ...status, state: "unlocked", user_name: "Subgroup chair" };
        return status;
      case "lock":
        status = { ...status, state: "locked" };
        return status;
      // Auto-lock and "remember on this device" (scenarios-autolock.mjs).
      case "unlock_remembered":
        return { status, keyring_problem: scenario.keyringProblem ?? null };
      case "unlock_remembering":
        // Scenarios written before "remember" refuse the unlock by its old name.
        if (scenario.errors.unlock) throw scenario.errors.unlock;
        status = { ...status, state: "unlocked", user_name: "Subgroup chair", remembered: false };
        return { status, keyring_problem: args.remember ? (scenario.keyringProblem ?? null) : null };
      case "lock_keeping":
        status = { ...status, state: "locked" };
        return status;
      case "take_drafts":
        return scenario.drafts ?? [];
      case "lock_settings":
        return { idle_minutes: 10 };
      case "set_lock_settings":
        return args.settings;
      // The app listens for the window's close request (lib/closing.ts).
      case "plugin:event|listen":
        return 1;
      case "plugin:event|unlisten":
        return null;
      // The save dialog answers with a file, as a person choosing one would.
      case "plugin:dialog|save":
        return "/home/chair/Documents/action-plan-tracker.xlsx";
      // The row-limit check before the save dialog: the demo fits.
      case "check_tracker_export":
        return { rows: answer("list_actions")?.length ?? 0, warning: null };
      case "export_tracker": {
        const rows = answer("list_actions")?.length ?? 0;
        return { path: args.path, format: args.format, rows, demo: status.demo };
      }
      case "export_register":
        return { path: args.path, format: args.format, records: 120, entities: 22, sensitive_included: args.options.include_sensitive, demo: status.demo };
      case "backup_register":
        return { path: args.path, schema_version: 7, cases: 12, changes: 340, last_change_at: null, bytes: 512000 };
      case "change_passphrase":
        return scenario.passphraseChanged ?? { keyring_problem: null };
      // Automatic backups and restoring (scenarios-vault-backups.mjs).
      case "automatic_backup":
        return null;
      // The dashboard asks the core to read ahead for the next screens: nothing to read here.
      case "warm_caches":
        return null;
      case "backup_status":
        return scenario.backupStatus ?? { settings: { folder: null, rotation: { keep_daily: 7, keep_weekly: 4 } }, folder: "/home/chair/.local/share/case-review-manager/backups", last_backup_at: null, backups: [] };
      case "list_backups":
        return scenario.backups ?? [];
      case "restore_backup":
        status = { ...status, state: "unlocked", user_name: "Subgroup chair" };
        return scenario.restored;
      case "load_demo":
        status = { ...status, demo: true };
        answers = scenario.fixtures.demo;
        return status;
      case "create_panel_meeting": {
        // Starting a meeting answers with a meeting: the demo's latest, emptied.
        const [latest] = answer("list_panel_meetings") ?? [];
        if (latest) return { ...latest, decisions: [] };
        break;
      }
      case "update_quarter":
      case "save_quarter_note":
      case "close_quarter": {
        // Quarter writes answer from the quarter's review, with the change made.
        const review = answer("quarter_review", args);
        if (!review) break;
        const mine = (u) => u.action_id === args.action || u.reference === args.action;
        const done = { updated_by: status.user_name };
        if (command === "close_quarter") return { ...review, closed_by: args.by, closed_at: new Date().toISOString() };
        if (command === "save_quarter_note") return { ...review.updates.find(mine), progress_note: args.note, ...done };
        const input = { ...args.input, rag: args.input.rag || null, ...done };
        return { ...review, updates: review.updates.map((u) => (mine(u) ? { ...u, ...input } : u)) };
      }
      default: {
        const found = answer(command, args);
        if (found !== undefined) return found;
      }
    }
    throw { code: "internal", message: `The fake has no answer to ${command}.`, fields: [] };
  }

  const callbacks = new Map();
  let next = 1;
  window.__TAURI_INTERNALS__ = {
    invoke,
    transformCallback(callback, once = false) {
      const id = next++;
      callbacks.set(id, (data) => {
        if (once) callbacks.delete(id);
        return callback?.(data);
      });
      return id;
    },
    unregisterCallback: (id) => callbacks.delete(id),
    runCallback: (id, data) => callbacks.get(id)?.(data),
    callbacks,
    metadata: { currentWindow: { label: "main" }, currentWebview: { label: "main" } },
  };
}
