import { createHttpTarget } from './http-target.js';
import { describeSyncProtocolContract } from './sync-protocol-contract.js';

describeSyncProtocolContract('gateway over HTTP on the embedded store', createHttpTarget);
