// Date display and the split of a stored ISO date into the three GOV.UK date
// fields. Formatting only: the Rust core checks and compares dates.
import type { DateInput } from "../bindings/DateInput";

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2025-06-04" → "4 June 2025". Anything that is not an ISO date is returned as it is. */
export function formatDate(iso: string): string {
  const match = ISO_DATE.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  const name = MONTHS[Number(month) - 1];
  const dayNumber = Number(day);
  if (!name || dayNumber < 1 || dayNumber > 31) return iso;
  return `${dayNumber} ${name} ${year}`;
}

const LONDON = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  hourCycle: "h12", // "12:05pm", not en-GB's default "0:05 pm"
});

/** An RFC 3339 timestamp → "4 June 2025 at 2:05pm", on the clock in England. */
export function formatDateTime(timestamp: string): string {
  const instant = new Date(timestamp);
  if (Number.isNaN(instant.getTime())) return timestamp;
  const part: Record<string, string> = {};
  for (const { type, value } of LONDON.formatToParts(instant)) part[type] = value;
  const time =
    part.minute === "00" && part.hour === "12"
      ? part.dayPeriod?.toLowerCase() === "am" ? "midnight" : "midday"
      : `${part.hour}:${part.minute}${(part.dayPeriod ?? "").toLowerCase()}`;
  return `${part.day} ${part.month} ${part.year} at ${time}`;
}

/** "2025-06-04" → { day: "4", month: "6", year: "2025" }, as a person would type it. */
export function isoToDateInput(iso: string): DateInput {
  const match = ISO_DATE.exec(iso);
  if (!match) return { day: "", month: "", year: "" };
  const [, year, month, day] = match;
  return { day: String(Number(day)), month: String(Number(month)), year: year ?? "" };
}
