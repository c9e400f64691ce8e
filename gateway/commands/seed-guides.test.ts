import { describe, expect, it } from 'vitest';
import { loadSeedGuides } from '../seed/load-seed-guides.js';
import { MemoryDocumentStore } from '../store/memory-stores.js';
import { createValidators } from '../validators.js';
import { seedGuides } from './seed-guides.js';

const validate = createValidators().documents.guides;
const clock = { now: () => new Date('2026-11-25T08:00:00.000Z') };

describe('seedGuides', () => {
  it('should publish every guide once and leave them alone on the next start', async () => {
    const documents = new MemoryDocumentStore();
    const guides = loadSeedGuides();
    expect(await seedGuides({ documents, clock, validate }, guides)).toEqual({ written: guides.length, unchanged: 0 });
    expect(await seedGuides({ documents, clock, validate }, guides)).toEqual({ written: 0, unchanged: guides.length });
  });

  it('should update a guide whose version is newer and stamp the publication time', async () => {
    const documents = new MemoryDocumentStore();
    const [first] = loadSeedGuides() as { id: string; version: number }[];
    await seedGuides({ documents, clock, validate }, [first]);
    await seedGuides({ documents, clock, validate }, [{ ...first, version: first.version + 1, fee: '收费标准调整' }]);
    const stored = (await documents.readDocuments({ collection: 'guides' }, [first.id])).get(first.id);
    expect(stored?.data).toMatchObject({ version: first.version + 1, fee: '收费标准调整', updatedAt: '2026-11-25T08:00:00.000Z' });
  });

  it('should refuse an invalid guide, naming it', async () => {
    const [first] = loadSeedGuides() as { id: string }[];
    await expect(seedGuides({ documents: new MemoryDocumentStore(), clock, validate }, [{ ...first, level: '村级' }])).rejects.toThrow(first.id);
  });
});
