// The stand-in for the Rust side: installed in the page before the app loads,
// it answers the app's Tauri commands from one scenario's canned data, the
// way @tauri-apps/api/mocks does. It runs in the browser, so it must not
// refer to anything outside itself.
export function installFakeIpc(scenario) {
  const cases = scenario.cases.slice();
  let status = { ...scenario.status };

  async function invoke(cmd, args) {
    const fail = scenario.errors[cmd];
    if (fail) throw fail;
    switch (cmd) {
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
      case "list_cases":
        return cases;
      case "get_case": {
        const found = cases.find((c) => c.id === args.id);
        if (found) return found;
        throw { code: "not_found", message: "There is no such case.", fields: [] };
      }
      case "load_demo":
        status = { ...status, demo: true };
        return status;
      default:
        throw { code: "internal", message: `The fake has no command ${cmd}.`, fields: [] };
    }
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
