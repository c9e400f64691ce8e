import { createMemoryTarget } from './memory-target.js';
import { describeSyncProtocolContract } from './sync-protocol-contract.js';

describeSyncProtocolContract('in-memory gateway (test/support/memory-gateway.ts)', createMemoryTarget);
