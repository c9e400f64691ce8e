import { jsonEqual } from './equality.js';
import type { RuleIssue } from './rule-issue.js';
import type { ApplicationDoc } from './schemas/application.js';
import { submissionRuleIssues, type GuideForRules } from './submission-rules.js';

/** What the rules know beside the application itself. */
export interface RuleContext {
  /** The gateway's current state (absent for a new application, and on the phone). */
  master?: Partial<ApplicationDoc> | null;
  /** The guide version the application names, when the checker holds it (see guideForRules). */
  guide?: GuideForRules | null;
  /** Today on the checker's calendar (bounds birth dates); now by default. */
  today?: Date;
}

/**
 * Rules of an application beyond its JSON Schema, checked by the gateway on
 * push and by the device before it marks an application submitted. Answers
 * codes and fields (rule-messages.ts words them):
 * - a submitted application passes the submission rules (submission-rules.ts);
 *   a draft need not (the person often photographs the ID card before typing
 *   anything, and the draft must be saved, and synced, from the first change);
 * - supplements (补件) and a rating (好差评) belong to submitted applications only;
 * - supplement ids are unique within the application;
 * - what already reached the gateway is history: a supplement it holds is
 *   never changed or removed, and a rating, once given, stays as given.
 * Whether the province has completed the application (the condition for a
 * rating) is known only at the gateway; it checks that itself.
 */
export function applicationRuleIssues(next: Partial<ApplicationDoc>, context: RuleContext = {}): RuleIssue[] {
  const { master } = context;
  const issues: RuleIssue[] = [];
  const supplements = next.supplements ?? [];
  if (next.lifecycle === 'submitted') issues.push(...submissionRuleIssues(next, context.guide ?? null, context.today ?? new Date()));
  else {
    if (supplements.length > 0) issues.push({ field: 'supplements', code: 'SUBMITTED_ONLY' });
    if (next.rating) issues.push({ field: 'rating', code: 'SUBMITTED_ONLY' });
  }
  const ids = new Set<string>();
  for (const supplement of supplements) {
    if (ids.has(supplement.id)) issues.push({ field: 'supplements', code: 'DUPLICATE_ID', params: { id: supplement.id } });
    ids.add(supplement.id);
  }
  for (const held of master?.supplements ?? []) {
    const now = supplements.find((s) => s.id === held.id);
    if (!now || !jsonEqual(now, held)) issues.push({ field: 'supplements', code: 'ALREADY_RECEIVED', params: { id: held.id } });
  }
  if (master?.rating && !jsonEqual(next.rating, master.rating)) issues.push({ field: 'rating', code: 'ALREADY_RECEIVED' });
  return issues;
}
