import { MemoryDocumentStore, MemoryMaterialStore, MemoryOutboxStore, MemoryRegistryStore } from '../support/memory-stores.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('in-memory fakes (test/support/memory-stores.ts)', async () => ({
  stores: { documents: new MemoryDocumentStore(), registry: new MemoryRegistryStore(), outbox: new MemoryOutboxStore(), materials: new MemoryMaterialStore() },
  close: async () => undefined,
}));
