// The reviews and reports that recommendations come from, gathered from the
// recommendations themselves (the core lists them by source), so the plan
// screens can offer one review at a time and group checkboxes by review.
import type { Recommendation } from "../bindings/Recommendation";
import type { SourceKind } from "../bindings/SourceKind";

export interface PlanSource {
  code: string;
  title: string;
  kind: SourceKind;
  recommendations: Recommendation[];
}

/**
 * Each source once, in the order its recommendations come, with them. Sources
 * in `extra` (added this session, with no recommendations yet) follow.
 */
export function planSources(
  recommendations: readonly Recommendation[],
  extra: readonly Omit<PlanSource, "recommendations">[] = [],
): PlanSource[] {
  const byCode = new Map<string, PlanSource>();
  for (const r of recommendations) {
    let source = byCode.get(r.source_code);
    if (!source) {
      source = { code: r.source_code, title: r.source_title, kind: r.source_kind, recommendations: [] };
      byCode.set(r.source_code, source);
    }
    source.recommendations.push(r);
  }
  for (const s of extra) {
    if (!byCode.has(s.code)) byCode.set(s.code, { ...s, recommendations: [] });
  }
  return [...byCode.values()];
}
