import { jsonEqual } from './equality.js';
import type { ApplicationDoc } from './schemas/application.js';
import type { ValidationIssue } from './validation.js';

/**
 * Rules of an application beyond its JSON Schema, checked by the gateway on
 * push and by the device before it marks an application submitted:
 * - a submitted application names its applicant (a draft may not yet: the
 *   person often photographs the ID card before typing anything, and the
 *   draft must be saved, and synced, from the first change);
 * - supplements (补件) and a rating (好差评) belong to submitted applications only;
 * - supplement ids are unique within the application;
 * - what already reached the gateway is history: a supplement it holds is
 *   never changed or removed, and a rating, once given, stays as given.
 * Whether the province has completed the application (the condition for a
 * rating) is known only at the gateway; it checks that itself.
 * `master` is the gateway's current state (absent for a new application).
 */
export function applicationRuleIssues(next: Partial<ApplicationDoc>, master?: Partial<ApplicationDoc> | null): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const supplements = next.supplements ?? [];
  if (next.lifecycle === 'submitted' && !next.applicant?.name?.trim()) {
    issues.push({ field: 'applicant.name', reason: 'is required to submit an application' });
  }
  if (next.lifecycle !== 'submitted') {
    if (supplements.length > 0) issues.push({ field: 'supplements', reason: 'only a submitted application can be supplemented' });
    if (next.rating) issues.push({ field: 'rating', reason: 'only a submitted application can be rated' });
  }
  const ids = new Set<string>();
  for (const supplement of supplements) {
    if (ids.has(supplement.id)) issues.push({ field: 'supplements', reason: `supplement id ${supplement.id} appears twice` });
    ids.add(supplement.id);
  }
  for (const held of master?.supplements ?? []) {
    const now = supplements.find((s) => s.id === held.id);
    if (!now || !jsonEqual(now, held)) issues.push({ field: 'supplements', reason: `supplement ${held.id} was already received and cannot change` });
  }
  if (master?.rating && !jsonEqual(next.rating, master.rating)) issues.push({ field: 'rating', reason: 'the rating was already given and cannot change' });
  return issues;
}
