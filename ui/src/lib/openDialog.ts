// The native "Open" dialog, for choosing the backup folder and a backup file
// to restore. Kept apart from the screens so tests can stand in for it.
import { open } from "@tauri-apps/plugin-dialog";

/** A folder for automatic backups (an encrypted USB stick, say); null when cancelled. */
export async function chooseFolder(title: string): Promise<string | null> {
  const chosen = await open({ title, directory: true, multiple: false });
  return typeof chosen === "string" ? chosen : null;
}

/** A backup file to restore; null when cancelled. */
export async function chooseBackupFile(title: string): Promise<string | null> {
  const chosen = await open({
    title,
    multiple: false,
    filters: [{ name: "Register backup", extensions: ["casereview-backup", "casereview"] }],
  });
  return typeof chosen === "string" ? chosen : null;
}
