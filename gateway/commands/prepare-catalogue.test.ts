import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { SAMPLE_AREAS, sampleGuideInput } from '../../test/support/sample-guides.js';
import { createLogger } from '../logger.js';
import { MemoryDocumentStore, MemoryImportJournalStore } from '../../test/support/memory-stores.js';
import { createValidators } from '../validators.js';
import { createImportLock } from './import-lock.js';
import { prepareCatalogue } from './prepare-catalogue.js';

function setup() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const deps = {
    documents: new MemoryDocumentStore(),
    imports: new MemoryImportJournalStore(),
    clock: { now: () => new Date('2026-11-25T08:00:00.000Z') },
    validators: createValidators(),
    lock: createImportLock(),
    logger: createLogger({ level: 'info', destination }),
  };
  return { deps, lines };
}

describe('prepareCatalogue', () => {
  it('should import the catalogue once and log counts, not bodies', async () => {
    const { deps, lines } = setup();
    const catalogue = [
      { text: JSON.stringify({ areas: SAMPLE_AREAS }) },
      { text: JSON.stringify({ guides: [sampleGuideInput('guide-test-0001', '331123', { fee: '不收费（秘密备注）' })] }) },
    ];
    await prepareCatalogue(deps, catalogue);
    await prepareCatalogue(deps, catalogue);
    const seeded = lines.filter((line) => line.msg === 'catalogue seeded');
    expect(seeded.map((line) => [line.created, line.unchanged, line.written])).toEqual([
      [1, 0, SAMPLE_AREAS.length + 1],
      [0, 1, 0],
    ]);
    expect(JSON.stringify(lines)).not.toContain('秘密备注');
  });

  it('should log every problem of a refused catalogue by id and field, and refuse to start', async () => {
    const { deps, lines } = setup();
    const catalogue = [{ text: JSON.stringify({ guides: [sampleGuideInput('guide-test-0001', '999999')] }) }];
    await expect(prepareCatalogue(deps, catalogue)).rejects.toMatchObject({ code: 'IMPORT_INVALID' });
    expect(lines.find((line) => line.msg === 'the bundled catalogue was refused')?.problems).toEqual([
      { item: 'guide-test-0001', field: 'areaCode', reason: 'is not a known area (999999)' },
    ]);
  });
});
