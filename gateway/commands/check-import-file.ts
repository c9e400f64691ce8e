import { areaLevelOf, validateWith, type AreaDoc, type GuideInput, type ImportProblem } from '../../sync-protocol/index.js';
import type { Validators } from '../validators.js';

/** The parts of an import file that have the right shape; the store-dependent checks come later (plan-guide-import). */
export interface CheckedImportFile {
  areas: AreaDoc[];
  guides: GuideInput[];
  withdraw: string[];
}

/**
 * The problems found, and the parts of the file that have the right shape:
 * the store-dependent checks still run on those, so one answer lists every
 * problem. The file is only imported when `problems` is empty.
 */
export interface ImportFileCheck {
  problems: ImportProblem[];
  file: CheckedImportFile;
}

/** The item name of the whole file in problems. */
export const FILE_ITEM = 'file';

/** Parses an import file's text; `name` (a path, for the CLI) goes in the problem's field. */
export function parseImportText(text: string, name = ''): { ok: true; value: unknown } | { ok: false; problems: ImportProblem[] } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    // V8's message quotes the text around the error: keep only the position.
    const position = /position (\d+)/.exec(String((error as Error).message))?.[1];
    return { ok: false, problems: [{ item: FILE_ITEM, field: name, reason: position ? `is not valid JSON (at character ${position})` : 'is not valid JSON' }] };
  }
}

/** Several import files as one (the seed's areas.json and guides.json): their lists are joined in order. */
export function mergeImportFiles(values: unknown[]): unknown {
  if (values.length === 1) return values[0];
  const merged: Record<string, unknown> = {};
  for (const value of values) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    for (const [key, part] of Object.entries(value)) {
      const before = merged[key];
      merged[key] = Array.isArray(before) && Array.isArray(part) ? [...before, ...part] : part;
    }
  }
  return merged;
}

function guideItem(guide: unknown, index: number): string {
  const id = (guide as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id !== '' ? id : `#${index}`;
}

function areaItem(area: unknown, index: number): string {
  const code = (area as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code !== '' ? `area:${code}` : `area#${index}`;
}

/** Keys that appear more than once in a list, reported at each repeat. */
function duplicateKeys(item: string, list: { key: string }[], field: string): ImportProblem[] {
  const seen = new Set<string>();
  const problems: ImportProblem[] = [];
  list.forEach((entry, i) => {
    if (seen.has(entry.key)) problems.push({ item, field: `${field}.${i}.key`, reason: `repeats the key "${entry.key}"` });
    seen.add(entry.key);
  });
  return problems;
}

function checkAreas(validators: Validators, areas: unknown[], valid: AreaDoc[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  areas.forEach((area, index) => {
    const item = areaItem(area, index);
    const result = validateWith(validators.documents.areas, area);
    if (!result.ok) {
      problems.push(...result.issues.map((issue) => ({ item, field: issue.field, reason: issue.reason })));
      return;
    }
    valid.push(area as AreaDoc);
    const { code, level } = area as AreaDoc;
    if (seen.has(code)) problems.push({ item, field: 'code', reason: 'appears more than once in the file' });
    seen.add(code);
    if (areaLevelOf(code) !== level) problems.push({ item, field: 'level', reason: `must be ${areaLevelOf(code)} for this code` });
  });
  return problems;
}

function checkGuides(validators: Validators, guides: unknown[], valid: GuideInput[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const positions = new Map<string, number[]>();
  guides.forEach((guide, index) => {
    const item = guideItem(guide, index);
    const result = validateWith(validators.guideInput, guide);
    if (!result.ok) {
      problems.push(...result.issues.map((issue) => ({ item, field: issue.field, reason: issue.reason })));
      return;
    }
    const checked = guide as GuideInput;
    valid.push(checked);
    positions.set(checked.id, [...(positions.get(checked.id) ?? []), index]);
    problems.push(...duplicateKeys(item, checked.materials, 'materials'), ...duplicateKeys(item, checked.formFields, 'formFields'));
  });
  for (const [id, at] of positions) {
    if (at.length > 1) problems.push({ item: id, field: 'id', reason: `appears more than once in the file (guides ${at.map((i) => `#${i}`).join(', ')})` });
  }
  return problems;
}

function checkWithdraw(withdraw: string[], guides: unknown[]): ImportProblem[] {
  const published = new Set(guides.map((guide) => (guide as { id?: unknown } | null)?.id));
  return withdraw.filter((id) => published.has(id)).map((id) => ({ item: id, field: 'withdraw', reason: 'is also published by this file' }));
}

/**
 * Checks everything about an import file that needs no store: its envelope,
 * each area and guide against its schema, ids and codes unique in the file,
 * material and form-field keys unique in each guide. Every problem is listed.
 */
export function checkImportFile(validators: Validators, value: unknown): ImportFileCheck {
  const file: CheckedImportFile = { areas: [], guides: [], withdraw: [] };
  const envelope = validateWith(validators.guideImportFile, value);
  if (!envelope.ok) return { problems: envelope.issues.map((issue) => ({ item: FILE_ITEM, field: issue.field, reason: issue.reason })), file };
  const raw = value as { areas?: unknown[]; guides?: unknown[]; withdraw?: string[] };
  const guides = raw.guides ?? [];
  file.withdraw = [...new Set(raw.withdraw ?? [])];
  const problems = [...checkAreas(validators, raw.areas ?? [], file.areas), ...checkGuides(validators, guides, file.guides), ...checkWithdraw(file.withdraw, guides)];
  return { problems, file };
}
