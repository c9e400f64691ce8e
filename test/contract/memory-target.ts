import { LIMITS, PROTOCOL_VERSION } from '../../sync-protocol/index.js';
import type { GatewayClient } from '../../device-core/client/gateway-client.js';
import { GatewayError } from '../../device-core/client/gateway-error.js';
import { createMemoryGateway } from '../support/memory-gateway.js';
import { readEventStream } from '../support/sync-http-client.js';
import { ProtocolProblem, type SyncProtocolTarget, type SyncSession } from './sync-protocol-target.js';

/** The memory gateway's refusals, as the suite reads them: the problem body a GatewayError keeps. */
async function answerOrThrow<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof GatewayError) throw new ProtocolProblem(error.problem);
    throw error;
  }
}

function memorySession(gateway: ReturnType<typeof createMemoryGateway>, userId: string, version: string): SyncSession {
  const client: GatewayClient = gateway.clientFor(() => userId, { protocolVersion: version });
  return {
    userId,
    pull: (collection, checkpoint, limit) => answerOrThrow(() => client.pull(collection, checkpoint, limit ?? LIMITS.defaultPullBatch)),
    push: (collection, rows) => answerOrThrow(() => client.push(collection, rows)),
    async stream(collection) {
      const controller = new AbortController();
      const body = await answerOrThrow(() => client.openStream(collection, controller.signal));
      return readEventStream(body, () => controller.abort());
    },
    changes: (feeds) => answerOrThrow(() => client.changes(feeds)),
    withProtocolVersion: (other) => memorySession(gateway, userId, other),
  };
}

/** The in-memory gateway of the unit tests (test/support/memory-gateway.ts), reached through its GatewayClient. */
export async function createMemoryTarget(): Promise<SyncProtocolTarget> {
  const gateway = createMemoryGateway();
  let users = 0;
  return {
    async newUserSession() {
      users += 1;
      return memorySession(gateway, `user-${users}`, String(PROTOCOL_VERSION));
    },
    close: async () => undefined,
  };
}
