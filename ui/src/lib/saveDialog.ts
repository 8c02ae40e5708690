// The native "Save as" dialog, asked for an export's or a backup's file. Kept apart from the
// screens so tests can stand in for the operating system's dialog.
import { save } from "@tauri-apps/plugin-dialog";
import type { ExportFormat } from "../bindings/ExportFormat";
import type { ReportFormat } from "../bindings/ReportFormat";

type Kind = ExportFormat | ReportFormat | "backup" | "zip";

const KINDS: Record<Kind, { name: string; extension: string }> = {
  xlsx: { name: "Excel workbook", extension: "xlsx" },
  csv: { name: "CSV (comma-separated values)", extension: "csv" },
  json: { name: "JSON", extension: "json" },
  docx: { name: "Word document", extension: "docx" },
  backup: { name: "Encrypted register backup", extension: "casereview" },
  zip: { name: "Zip of CSV files", extension: "zip" },
};

/** The file name offered: what it is and the day it was made, "action-plan-tracker-2025-06-04.xlsx". */
export function suggestedName(stem: string, format: Kind, today: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  return `${stem}-${day}.${KINDS[format].extension}`;
}

/** Asks where to save; null when the user cancels. The dialog asks before replacing a file. */
export async function chooseSavePath(title: string, name: string, format: Kind): Promise<string | null> {
  const kind = KINDS[format];
  return await save({ title, defaultPath: name, filters: [{ name: kind.name, extensions: [kind.extension] }] });
}
