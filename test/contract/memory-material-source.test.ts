import { createMemoryMaterialSource } from '../support/memory-material-source.js';
import { describeMaterialSourceContract } from './material-source-contract.js';

describeMaterialSourceContract('in-memory fake (test/support/memory-material-source.ts)', async (blobs) => ({
  source: createMemoryMaterialSource(blobs),
  close: async () => undefined,
}));
