import { describe, expect, it } from 'vitest';
import { SAMPLE_AREAS, sampleGuideInput } from '../../test/support/sample-guides.js';
import type { Problem } from '../problem.js';
import { MemoryDocumentStore, MemoryImportJournalStore } from '../../test/support/memory-stores.js';
import type { DocumentScope } from '../store/store.js';
import { createValidators } from '../validators.js';
import { importGuides, withdrawGuides, type ImportDeps } from './import-guides.js';
import { createImportLock } from './import-lock.js';

const validators = createValidators();
const T1 = '2026-11-25T08:00:00.000Z';
const T2 = '2026-11-26T09:30:00.000Z';

function setup() {
  let now = T1;
  const documents = new MemoryDocumentStore();
  const imports = new MemoryImportJournalStore();
  const deps: ImportDeps = { documents, imports, validators, clock: { now: () => new Date(now) }, lock: createImportLock() };
  const run = (file: unknown) => importGuides(deps, [{ text: JSON.stringify(file) }]);
  const read = async (area: string, id: string) => (await documents.readDocuments({ collection: 'guides', area }, [id])).get(id);
  return { deps, documents, imports, run, read, setClock: (at: string) => (now = at) };
}

async function refusal(promise: Promise<unknown>): Promise<Problem> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!error) throw new Error('expected a refusal');
  return error as Problem;
}

describe('importGuides', () => {
  it('should create at version 1, then update only what changed, stamping the gateway clock', async () => {
    const { run, read, setClock } = setup();
    const shop = sampleGuideInput('guide-test-0001', '331123');
    const tax = sampleGuideInput('guide-test-0002', '331124', { name: '增值税申报' });
    const first = await run({ areas: SAMPLE_AREAS, guides: [shop, tax] });
    expect(first.result).toMatchObject({ created: ['guide-test-0001', 'guide-test-0002'], updated: [], unchanged: [], withdrawn: [] });
    expect(first.result.areas?.created).toHaveLength(SAMPLE_AREAS.length);
    expect((await read('331123', shop.id))?.data).toMatchObject({ version: 1, updatedAt: T1 });

    setClock(T2);
    const second = await run({ guides: [{ ...shop, fee: '收费' }, tax] });
    expect(second.result).toEqual({ created: [], updated: ['guide-test-0001'], unchanged: ['guide-test-0002'], withdrawn: [] });
    expect((await read('331123', shop.id))?.data).toMatchObject({ version: 2, fee: '收费', updatedAt: T2 });
    expect((await read('331124', tax.id))?.data).toMatchObject({ version: 1, updatedAt: T1 });
  });

  it('should write nothing, and journal nothing, when nothing changed', async () => {
    const { run, imports } = setup();
    const file = { areas: SAMPLE_AREAS, guides: [sampleGuideInput('guide-test-0001', '331123')] };
    await run(file);
    const again = await run(file);
    expect(again.written).toBe(0);
    expect(again.journalId).toBeUndefined();
    expect(again.result.unchanged).toEqual(['guide-test-0001']);
    expect(again.result.areas?.unchanged).toHaveLength(SAMPLE_AREAS.length);
    expect(imports.entries.size).toBe(1);
  });

  it('should move a guide: a tombstone where it was, a newer version where it goes', async () => {
    const { run, read } = setup();
    const guide = sampleGuideInput('guide-test-0001', '331123');
    await run({ areas: SAMPLE_AREAS, guides: [guide] });
    const moved = await run({ guides: [{ ...guide, areaCode: '331123001' }] });
    expect(moved.result.updated).toEqual([guide.id]);
    expect(await read('331123', guide.id)).toMatchObject({ deleted: true, data: { version: 2, areaCode: '331123' } });
    expect(await read('331123001', guide.id)).toMatchObject({ deleted: false, data: { version: 3, areaCode: '331123001' } });
  });

  it('should withdraw as a tombstone that keeps the body, and take a second withdrawal as unchanged', async () => {
    const { deps, run, read } = setup();
    await run({ areas: SAMPLE_AREAS, guides: [sampleGuideInput('guide-test-0001', '331123')] });
    expect((await withdrawGuides(deps, ['guide-test-0001'])).result.withdrawn).toEqual(['guide-test-0001']);
    expect(await read('331123', 'guide-test-0001')).toMatchObject({ deleted: true, data: { version: 2, name: '个体工商户设立登记' } });
    expect((await withdrawGuides(deps, ['guide-test-0001'])).result).toMatchObject({ withdrawn: [], unchanged: ['guide-test-0001'] });
  });

  it('should refuse a guide of an unknown area and a withdrawal of an unknown guide, all at once, writing nothing', async () => {
    const { run, documents, imports } = setup();
    await run({ areas: SAMPLE_AREAS });
    const problem = await refusal(run({ guides: [sampleGuideInput('guide-test-0001', '999999'), sampleGuideInput('guide-test-0002', '331123')], withdraw: ['guide-nobody-0001'] }));
    expect(problem.code).toBe('IMPORT_INVALID');
    expect(problem.problems).toEqual([
      { item: 'guide-test-0001', field: 'areaCode', reason: 'is not a known area (999999)' },
      { item: 'guide-nobody-0001', field: 'withdraw', reason: 'is not a published guide' },
    ]);
    expect(await documents.listAreaPartitions('guides')).toEqual([]);
    expect(imports.entries.size).toBe(1);
  });

  it('should finish an import left half applied before the next import', async () => {
    const { deps, documents, imports, run, read } = setup();
    await run({ areas: SAMPLE_AREAS });
    const write = documents.writeDocuments.bind(documents);
    let calls = 0;
    documents.writeDocuments = async (scope: DocumentScope, docs) => {
      calls += 1;
      if (calls === 2) throw new Error('store went away');
      return write(scope, docs);
    };
    const file = { guides: [sampleGuideInput('guide-test-0001', '331123'), sampleGuideInput('guide-test-0002', '331124')] };
    await expect(run(file)).rejects.toThrow('store went away');
    expect(await read('331124', 'guide-test-0002')).toBeUndefined();
    expect(await imports.listApplying()).toHaveLength(1);

    documents.writeDocuments = write;
    const next = await importGuides(deps, [{ text: JSON.stringify({ withdraw: ['guide-test-0001'] }) }]);
    expect(next.rolledForward).toHaveLength(1);
    expect(await read('331124', 'guide-test-0002')).toMatchObject({ deleted: false, data: { version: 1 } });
    expect(await read('331123', 'guide-test-0001')).toMatchObject({ deleted: true, data: { version: 2 } });
    expect(await imports.listApplying()).toEqual([]);
  });
});
