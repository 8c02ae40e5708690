// The one door to the Rust side: a typed wrapper per Tauri command. Every
// failure comes back as an ErrorBody, so screens branch on `code` only.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { ExportCheck } from "../bindings/ExportCheck";
import type { ImportOptions } from "../bindings/ImportOptions";
import type { ImportReport } from "../bindings/ImportReport";
import type { JobProgress } from "../bindings/JobProgress";
import type { ReportChoices } from "../bindings/ReportChoices";
import type { ReportFormat } from "../bindings/ReportFormat";
import type { ReportWritten } from "../bindings/ReportWritten";
import type { ActionFilter } from "../bindings/ActionFilter";
import type { ActionInput } from "../bindings/ActionInput";
import type { ActionQuarter } from "../bindings/ActionQuarter";
import type { ActionRecord } from "../bindings/ActionRecord";
import type { AgencyRequestInput } from "../bindings/AgencyRequestInput";
import type { AmendInput } from "../bindings/AmendInput";
import type { AppStatus } from "../bindings/AppStatus";
import type { Draft } from "../bindings/Draft";
import type { LockSettings } from "../bindings/LockSettings";
import type { UnlockOutcome } from "../bindings/UnlockOutcome";
import type { Case } from "../bindings/Case";
import type { BackupSummary } from "../bindings/BackupSummary";
import type { AuditChainStatus } from "../bindings/AuditChainStatus";
import type { HistoryOf } from "../bindings/HistoryOf";
import type { AuditEntry } from "../bindings/AuditEntry";
import type { AuditPage } from "../bindings/AuditPage";
import type { AuditQuery } from "../bindings/AuditQuery";
import type { AutomaticBackup } from "../bindings/AutomaticBackup";
import type { BackupFile } from "../bindings/BackupFile";
import type { BackupSettings } from "../bindings/BackupSettings";
import type { BackupStatus } from "../bindings/BackupStatus";
import type { RestoreOutcome } from "../bindings/RestoreOutcome";
import type { PassphraseChangeOutcome } from "../bindings/PassphraseChangeOutcome";
import type { CaseDetail } from "../bindings/CaseDetail";
import type { CaseInput } from "../bindings/CaseInput";
import type { ClockSettings } from "../bindings/ClockSettings";
import type { CreateRegisterInput } from "../bindings/CreateRegisterInput";
import type { DateInput } from "../bindings/DateInput";
import type { ExportFormat } from "../bindings/ExportFormat";
import type { ExportReport } from "../bindings/ExportReport";
import type { Dashboard } from "../bindings/Dashboard";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { PanelDecisionInput } from "../bindings/PanelDecisionInput";
import type { PanelMeeting } from "../bindings/PanelMeeting";
import type { PanelMeetingInput } from "../bindings/PanelMeetingInput";
import type { PassphraseStrength } from "../bindings/PassphraseStrength";
import type { ProceedingInput } from "../bindings/ProceedingInput";
import type { ProgressInput } from "../bindings/ProgressInput";
import type { QuarterChoice } from "../bindings/QuarterChoice";
import type { QuarterReview } from "../bindings/QuarterReview";
import type { QuarterUpdate } from "../bindings/QuarterUpdate";
import type { QuarterUpdateInput } from "../bindings/QuarterUpdateInput";
import type { Rag } from "../bindings/Rag";
import type { RapidReviewInput } from "../bindings/RapidReviewInput";
import type { RapidReviewRecord } from "../bindings/RapidReviewRecord";
import type { Recommendation } from "../bindings/Recommendation";
import type { RecommendationSource } from "../bindings/RecommendationSource";
import type { RecommendationInput } from "../bindings/RecommendationInput";
import type { Reminders } from "../bindings/Reminders";
import type { ReviewInput } from "../bindings/ReviewInput";
import type { ReviewLogInput } from "../bindings/ReviewLogInput";
import type { ReviewRecord } from "../bindings/ReviewRecord";
import type { SimilarAction } from "../bindings/SimilarAction";
import type { Source } from "../bindings/Source";
import type { SourceInput } from "../bindings/SourceInput";
import type { StepInput } from "../bindings/StepInput";
import type { ThematicTracker } from "../bindings/ThematicTracker";
import type { TrackerChoices } from "../bindings/TrackerChoices";
import type { TrackerPage } from "../bindings/TrackerPage";
import type { TrackerQuery } from "../bindings/TrackerQuery";
import type { ThematicQuery } from "../bindings/ThematicQuery";
import type { TrackerOptions } from "../bindings/TrackerOptions";
import type { RegisterExportOptions } from "../bindings/RegisterExportOptions";
import type { RegisterExportReport } from "../bindings/RegisterExportReport";
import type { ImportRegisterReport } from "../bindings/ImportRegisterReport";
import type { RegisterFormat } from "../bindings/RegisterFormat";
import type { Theme } from "../bindings/Theme";

// A Record so that a code added on the Rust side fails the type check here.
const ERROR_CODES: Record<ErrorCode, true> = {
  wrong_passphrase: true,
  not_a_register: true,
  register_too_new: true,
  register_exists: true,
  no_register: true,
  locked: true,
  validation: true,
  not_found: true,
  invalid_transition: true,
  quarter_closed: true,
  audit_broken: true,
  not_empty: true,
  not_a_spreadsheet: true,
  import_failed: true,
  cancelled: true,
  too_many_rows: true,
  integrity_failed: true,
  disk_full: true,
  read_only: true,
  register_missing: true,
  register_damaged: true,
  register_in_use: true,
  io: true,
  database: true,
  keyring_unavailable: true,
  not_an_export: true,
  export_too_new: true,
  export_incomplete: true,
  backup_running: true,
  internal: true,
};

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERROR_CODES, value);
}

function isFieldError(value: unknown): value is { field: string; message: string } {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.field === "string" && typeof v.message === "string";
}

/** Turns whatever a rejected command gave us into an ErrorBody. */
export function toErrorBody(error: unknown): ErrorBody {
  if (typeof error === "object" && error !== null) {
    const e = error as Record<string, unknown>;
    if (isErrorCode(e.code) && typeof e.message === "string") {
      const fields = Array.isArray(e.fields) ? e.fields.filter(isFieldError) : [];
      return { code: e.code, message: e.message, fields };
    }
  }
  let detail = "";
  if (typeof error === "string") detail = error;
  else if (error instanceof Error) detail = error.message;
  return {
    code: "internal",
    message: detail
      ? `Something went wrong in the app: ${detail}`
      : "Something went wrong in the app.",
    fields: [],
  };
}

type LockedListener = () => void;
let lockedListener: LockedListener | null = null;

/** Called whenever a command finds the register locked (for example after a time-out). */
export function onLocked(listener: LockedListener | null): void {
  lockedListener = listener;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    const body = toErrorBody(error);
    if (body.code === "locked") lockedListener?.();
    throw body;
  }
}

export const appStatus = () => call<AppStatus>("app_status");
export const passphraseStrength = (passphrase: string) =>
  call<PassphraseStrength>("passphrase_strength", { passphrase });
export const createRegister = (input: CreateRegisterInput) =>
  call<AppStatus>("create_register", { input });
export const unlock = (passphrase: string) => call<AppStatus>("unlock", { passphrase });
export const lock = () => call<AppStatus>("lock");
// Auto-lock and "remember on this device" (see lib/idle.ts and lib/drafts.ts).
export const unlockRemembering = (passphrase: string, remember: boolean) =>
  call<UnlockOutcome>("unlock_remembering", { passphrase, remember });
export const unlockRemembered = () => call<UnlockOutcome>("unlock_remembered");
export const lockKeeping = (drafts: Draft[]) => call<AppStatus>("lock_keeping", { drafts });
export const takeDrafts = () => call<Draft[]>("take_drafts");
export const lockSettings = () => call<LockSettings>("lock_settings");
export const setLockSettings = (settings: LockSettings) =>
  call<LockSettings>("set_lock_settings", { settings });
export const listCases = () => call<Case[]>("list_cases");
export const getCase = (id: string) => call<Case>("get_case", { id });
export const createCase = (input: CaseInput) => call<Case>("create_case", { input });
export const updateCase = (id: string, input: CaseInput) =>
  call<Case>("update_case", { id, input });
export const loadDemo = () => call<AppStatus>("load_demo");

// The case journey, its records and panel meetings.
export const caseDetail = (id: string) => call<CaseDetail>("case_detail", { id });
export const recordStep = (id: string, input: StepInput) =>
  call<CaseDetail>("record_step", { id, input });
export const amendStep = (eventId: string, input: AmendInput) =>
  call<CaseDetail>("amend_step", { eventId, input });
export const dashboard = () => call<Dashboard>("dashboard");
/** Once the dashboard is shown: the first time after unlocking, the core reads
 * in the background what the screens after it read first. Answers at once. */
export const warmCaches = () => call<null>("warm_caches");
export const rapidReview = (id: string) => call<RapidReviewRecord>("rapid_review", { id });
export const saveRapidReview = (id: string, input: RapidReviewInput) =>
  call<RapidReviewRecord>("save_rapid_review", { id, input });
export const saveAgencyRequest = (id: string, requestId: string | null, input: AgencyRequestInput) =>
  call<RapidReviewRecord>("save_agency_request", { id, requestId, input });
export const review = (id: string) => call<ReviewRecord>("review", { id });
export const saveReview = (id: string, input: ReviewInput) =>
  call<ReviewRecord>("save_review", { id, input });
export const addReviewLog = (id: string, input: ReviewLogInput) =>
  call<ReviewRecord>("add_review_log", { id, input });
export const addProceeding = (id: string, input: ProceedingInput) =>
  call<ReviewRecord>("add_proceeding", { id, input });
export const nationalPanelThemes = () => call<string[]>("national_panel_themes");
export const listPanelMeetings = () => call<PanelMeeting[]>("list_panel_meetings");
export const createPanelMeeting = (input: PanelMeetingInput) =>
  call<PanelMeeting>("create_panel_meeting", { input });
export const addPanelDecision = (meetingId: string, input: PanelDecisionInput) =>
  call<PanelMeeting>("add_panel_decision", { meetingId, input });
export const clockSettings = () => call<ClockSettings>("clock_settings");
export const setClockSettings = (settings: ClockSettings) =>
  call<ClockSettings>("set_clock_settings", { settings });

// Action plans: themes, sources, recommendations, actions and the views across plans.
export const listThemes = () => call<Theme[]>("list_themes");
export const addTheme = (name: string) => call<Theme>("add_theme", { name });
export const addSource = (input: SourceInput) => call<Source>("add_source", { input });
export const listRecommendations = () => call<Recommendation[]>("list_recommendations");
/** Each review or report with recommendations, once (for lists of reviews to choose from). */
export const recommendationSources = () => call<RecommendationSource[]>("recommendation_sources");
export const addRecommendation = (input: RecommendationInput) =>
  call<Recommendation>("add_recommendation", { input });
export const setRecommendationOutcome = (id: string, outcome: string, reason: string) =>
  call<Recommendation>("set_recommendation_outcome", { id, outcome, reason });
export const listActions = (filter: ActionFilter = { overdue: false, theme: null, agency: null }) =>
  call<ActionRecord[]>("list_actions", { filter });
export const action = (id: string) => call<ActionRecord>("action", { id });
export const similarActions = (text: string, themes: string[], agency: string) =>
  call<SimilarAction[]>("similar_actions", { text, themes, agency });
export const addAction = (input: ActionInput) => call<ActionRecord>("add_action", { input });
export const linkAction = (id: string, recommendationId: string) =>
  call<ActionRecord>("link_action", { id, recommendationId });
export const setProgress = (id: string, input: ProgressInput) =>
  call<ActionRecord>("set_progress", { id, input });
export const reviseTarget = (id: string, target: DateInput, reason: string) =>
  call<ActionRecord>("revise_target", { id, target, reason });
export const reopenAction = (id: string, reason: string) =>
  call<ActionRecord>("reopen_action", { id, reason });
export const ragDefinitions = () => call<[Rag, string][]>("rag_definitions");
/** One page of the thematic tracker's reviews (newest first), with each theme's totals over all. */
export const thematicTracker = (query: ThematicQuery) => call<ThematicTracker>("thematic_tracker", { query });
/** Each reminder's count and its first `limit` actions. */
export const reminders = (limit: number) => call<Reminders>("reminders", { limit });
/** One window of the whole-partnership tracker, filtered and sorted by the core. */
export const trackerPage = (query: TrackerQuery) => call<TrackerPage>("tracker_page", { query });
export const trackerChoices = () => call<TrackerChoices>("tracker_choices");

// Quarterly action reviews.
export const quarterChoices = () => call<QuarterChoice[]>("quarter_choices");
export const quarterReview = (code: string) => call<QuarterReview>("quarter_review", { code });
export const openQuarter = (code: string) => call<QuarterReview>("open_quarter", { code });
export const updateQuarter = (code: string, action: string, input: QuarterUpdateInput) =>
  call<QuarterReview>("update_quarter", { code, action, input });
export const saveQuarterNote = (code: string, action: string, note: string) =>
  call<QuarterUpdate>("save_quarter_note", { code, action, note });
export const closeQuarter = (code: string, by: string) =>
  call<QuarterReview>("close_quarter", { code, by });
export const actionQuarters = (id: string) => call<ActionQuarter[]>("action_quarters", { id });

// Files for the Executive Board; `path` comes from the save dialog.
export const exportTracker = (
  path: string,
  format: ExportFormat,
  options: TrackerOptions,
  job: string = newJobId(),
  onProgress?: (p: JobProgress) => void,
) => call<ExportReport>("export_tracker", { path, format, options, job, onProgress: progressChannel(onProgress) });
/** Asked before the save dialog: refused with `too_many_rows` when Excel could not hold the tracker. */
export const checkTrackerExport = (format: ExportFormat, options: TrackerOptions) =>
  call<ExportCheck>("check_tracker_export", { format, options });
/** The whole register to `path` (from the save dialog); sensitive fields only when ticked. */
export const exportRegister = (
  path: string,
  format: RegisterFormat,
  options: RegisterExportOptions,
  job: string = newJobId(),
  onProgress?: (p: JobProgress) => void,
) => call<RegisterExportReport>("export_register", { path, format, options, job, onProgress: progressChannel(onProgress) });
// Importing a whole-register export into an empty register: the file from
// the open dialog, a preview of what it holds, then the import.
export const chooseRegisterExport = () => call<string | null>("choose_register_export");
export const previewRegisterImport = (path: string, job: string, onProgress?: (p: JobProgress) => void) =>
  call<ImportRegisterReport>("preview_register_import", { path, job, onProgress: progressChannel(onProgress) });
export const importRegister = (path: string, job: string, onProgress?: (p: JobProgress) => void) =>
  call<ImportRegisterReport>("import_register", { path, job, onProgress: progressChannel(onProgress) });
export const reportChoices = () => call<ReportChoices>("report_choices");
export const writeBoardReport = (path: string, from: DateInput, to: DateInput, format: ReportFormat) =>
  call<ReportWritten>("write_board_report", { path, from, to, format });
export const writeAnnualReport = (path: string, year: string, format: ReportFormat) =>
  call<ReportWritten>("write_annual_report", { path, year, format });

// Importing a tracker: the file from the open dialog, a preview, then the import.
export const chooseTrackerFile = () => call<string | null>("choose_tracker_file");
export const trackerSheets = (path: string) => call<string[]>("tracker_sheets", { path });
export const planImport = (path: string, options: ImportOptions, job: string, onProgress?: (p: JobProgress) => void) =>
  call<ImportReport>("plan_import", { path, options, job, onProgress: progressChannel(onProgress) });
export const applyImport = (report: ImportReport, job: string, onProgress?: (p: JobProgress) => void) =>
  call<ImportReport>("apply_import", { report, job, onProgress: progressChannel(onProgress) });

// Long jobs (imports, exports): named by the web view so they can be cancelled.
export const cancelJob = (job: string) => call<boolean>("cancel_job", { job });
/** A fresh name for a long job. */
export function newJobId(): string {
  return `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
function progressChannel(onProgress?: (p: JobProgress) => void): Channel<JobProgress> {
  const channel = new Channel<JobProgress>();
  if (onProgress) channel.onmessage = onProgress;
  return channel;
}

// Keeping the register safe.
export const changePassphrase = (current: string, next: string, confirm: string) =>
  call<PassphraseChangeOutcome>("change_passphrase", { current, new: next, confirm });
export const backupRegister = (path: string) => call<BackupSummary>("backup_register", { path });

// Automatic backups, restoring one, and the audit trail.
export const backupStatus = () => call<BackupStatus>("backup_status");
export const setBackupSettings = (settings: BackupSettings) => call<BackupStatus>("set_backup_settings", { settings });
/** `daily`: only when the newest backup is over a day old; otherwise (closing) always. */
export const automaticBackup = (daily: boolean) => call<AutomaticBackup | null>("automatic_backup", { daily });
export const listBackups = () => call<BackupFile[]>("list_backups");
export const restoreBackup = (path: string, passphrase: string) => call<RestoreOutcome>("restore_backup", { path, passphrase });
export const auditPage = (query: AuditQuery) => call<AuditPage>("audit_page", { query });
/** A record's history; `of` says what kind of record it is, so its parts logged on their own come too. */
export const recordHistory = (of: HistoryOf, entityId: string) => call<AuditEntry[]>("record_history", { of, entityId });
export const auditUsers = () => call<string[]>("audit_users");
export const auditChainStatus = () => call<AuditChainStatus>("audit_chain_status");
