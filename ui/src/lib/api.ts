// The one door to the Rust side: a typed wrapper per Tauri command. Every
// failure comes back as an ErrorBody, so screens branch on `code` only.
import { invoke } from "@tauri-apps/api/core";
import type { AppStatus } from "../bindings/AppStatus";
import type { Case } from "../bindings/Case";
import type { CaseInput } from "../bindings/CaseInput";
import type { CreateRegisterInput } from "../bindings/CreateRegisterInput";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { PassphraseStrength } from "../bindings/PassphraseStrength";

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
  not_empty: true,
  io: true,
  database: true,
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
export const listCases = () => call<Case[]>("list_cases");
export const getCase = (id: string) => call<Case>("get_case", { id });
export const createCase = (input: CaseInput) => call<Case>("create_case", { input });
export const updateCase = (id: string, input: CaseInput) =>
  call<Case>("update_case", { id, input });
export const loadDemo = () => call<AppStatus>("load_demo");
