// Words for the kinds of record a whole-register export holds (the core's
// entity names), as the import's preview and report list them, in the
// order the register writes them.
const KINDS: [string, string][] = [
  ["meta", "Register settings"],
  ["themes", "Themes"],
  ["cases", "Cases"],
  ["case_events", "Journey steps"],
  ["event_amendments", "Corrections to steps"],
  ["rapid_reviews", "Rapid Reviews"],
  ["agency_requests", "Requests to agencies"],
  ["reviews", "Reviews"],
  ["review_log", "Review log entries"],
  ["parallel_proceedings", "Parallel proceedings"],
  ["panel_meetings", "Panel meetings"],
  ["panel_decisions", "Panel decisions"],
  ["sources", "National reviews, audits and thematic reviews"],
  ["recommendations", "Recommendations"],
  ["recommendation_themes", "Themes of recommendations"],
  ["actions", "Actions"],
  ["action_answers", "Links from actions to recommendations"],
  ["action_themes", "Themes of actions"],
  ["action_history", "Action history entries"],
  ["quarter_updates", "Quarterly updates"],
  ["quarter_reviews", "Quarterly reviews"],
  ["import_mappings", "Remembered column mappings"],
];

const LABELS = new Map(KINDS);

/** "case_events" → "Journey steps"; a kind this version has no words for reads as its name. */
export function recordKind(entity: string): string {
  return LABELS.get(entity) ?? entity.replaceAll("_", " ");
}

/** The kinds with records, in the register's order (unknown kinds last), with their words. */
export function recordCounts(counts: Record<string, number>): { entity: string; label: string; records: number }[] {
  const order = (entity: string) => {
    const at = KINDS.findIndex(([name]) => name === entity);
    return at === -1 ? KINDS.length : at;
  };
  return Object.entries(counts)
    .filter(([, records]) => records > 0)
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([entity, records]) => ({ entity, label: recordKind(entity), records }));
}
