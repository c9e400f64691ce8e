import { fieldValueProblem } from './field-rules.js';
import { checkMobile, checkResidentId, type IdentifierCheck } from './identifiers/index.js';
import type { RuleIssue } from './rule-issue.js';
import type { ApplicationDoc, ApplicationMaterial } from './schemas/application.js';
import type { GuideDoc } from './schemas/guide.js';

/** What of a guide the submission rules read: its form fields and its materials. */
export type GuideForRules = Pick<GuideDoc, 'formFields' | 'materials'>;

/**
 * The guide to check an application against: the one it names, in the
 * version it names. Another version (the guide changed while the draft was
 * open, or the checker holds an older one) is null: its fields and materials
 * may differ, so only the rules that need no guide apply.
 */
export function guideForRules(
  app: Pick<ApplicationDoc, 'guideId' | 'guideVersion'>,
  guide: (GuideForRules & Pick<GuideDoc, 'id' | 'version'>) | null | undefined,
): GuideForRules | null {
  return guide && guide.id === app.guideId && guide.version === app.guideVersion ? guide : null;
}

const issueOf = (field: string, check: IdentifierCheck): RuleIssue[] => (check.ok ? [] : [{ field, code: check.code, ...(check.params ? { params: check.params } : {}) }]);

/**
 * The rules a submitted application must pass (a draft may stay incomplete),
 * the same on the phone before it marks an application submitted and at the
 * gateway on push:
 * - the applicant is named, and the ID number and mobile given are real ones;
 * - every form field of the guide passes its constraints (required, type,
 *   options, length; identifiers by their standards);
 * - every required material has pages, or is waived where the guide allows;
 * - only waivable materials are waived, and the signed commitment lists
 *   exactly the waived keys.
 * `guide` is the version the application names (see guideForRules), or null
 * when the checker does not hold it: then only the rules above that need no
 * guide apply. `today` bounds birth dates.
 */
export function submissionRuleIssues(app: Partial<ApplicationDoc>, guide: GuideForRules | null, today: Date): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const applicant = app.applicant ?? {};
  if (!applicant.name?.trim()) issues.push({ field: 'applicant.name', code: 'REQUIRED' });
  if (applicant.idNumber?.trim()) issues.push(...issueOf('applicant.idNumber', checkResidentId(applicant.idNumber, today)));
  if (applicant.phone?.trim()) issues.push(...issueOf('applicant.phone', checkMobile(applicant.phone)));
  const materials = app.materials ?? [];
  if (guide) issues.push(...formIssues(app.form ?? {}, guide, today), ...materialIssues(materials, guide));
  issues.push(...commitmentIssues(materials, app.commitment?.waivedKeys));
  return issues;
}

function formIssues(form: ApplicationDoc['form'], guide: GuideForRules, today: Date): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const field of guide.formFields) {
    const problem = fieldValueProblem(field, form[field.key], { today });
    if (problem) issues.push({ field: `form.${field.key}`, ...problem });
  }
  return issues;
}

function materialIssues(materials: ApplicationMaterial[], guide: GuideForRules): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const byKey = new Map(guide.materials.map((m) => [m.key, m]));
  for (const entry of materials) {
    // A waiver of a material the guide does not let be waived, or does not list at all.
    if (entry.waived && !byKey.get(entry.key)?.waivable) issues.push({ field: `materials.${entry.key}`, code: 'NOT_WAIVABLE' });
  }
  for (const material of guide.materials) {
    if (!material.required) continue;
    const entry = materials.find((m) => m.key === material.key);
    const present = entry !== undefined && (entry.pages.length > 0 || (entry.waived === true && material.waivable));
    if (!present && !entry?.waived) issues.push({ field: `materials.${material.key}`, code: 'MATERIAL_REQUIRED' });
  }
  return issues;
}

/** 容缺受理: the commitment names exactly the waived materials, and there is none without a waiver. */
function commitmentIssues(materials: ApplicationMaterial[], promised: string[] | undefined): RuleIssue[] {
  const waived = [...new Set(materials.filter((m) => m.waived).map((m) => m.key))].sort();
  const listed = [...new Set(promised ?? [])].sort();
  const exact = waived.length === listed.length && waived.every((key, i) => key === listed[i]);
  return exact ? [] : [{ field: 'commitment.waivedKeys', code: 'COMMITMENT_MISMATCH' }];
}
