import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Databases } from '../db/databases.js';
import { createTestDatabases } from '../db/test-database.js';
import { createMemoryGateway } from '../../../test/support/memory-gateway.js';
import { EMPTY_TRANSFER, withItem, withStatus } from '../../../device-core/transfer/transfer-snapshot.js';
import type { TransferHandle } from '../transfer/start-transfer.js';
import { createAppState, type AppState } from './app-state.js';
import { connectSession, type SessionConnection } from './session-controller.js';

/** The session controller starts one person's transfer with their own token and stops it before anyone else's data opens. */
describe('material transfer across sign-in, switch and sign-out', () => {
  let databases: Databases;
  let state: AppState;
  let session: SessionConnection;
  let events: string[];

  beforeEach(async () => {
    databases = await createTestDatabases();
    const gateway = createMemoryGateway();
    state = createAppState({ session: null, route: { name: 'guides' }, networkOnline: true });
    events = [];
    session = connectSession({
      databases,
      client: gateway.clientFor(() => state.session.value?.user.id ?? null),
      state,
      replication: { live: true, retryTime: 20, waitForLeadership: false },
      startTransfer: (user) => {
        events.push(`start ${user.id} with ${user.token}`);
        // Progress of this person on screen, as the real transfer reports it.
        state.transfer.value = withItem(withStatus(EMPTY_TRANSFER, 'sending'), 'a'.repeat(64), { sent: 10, total: 100 });
        const handle: TransferHandle = {
          scheduler: null as never,
          async stop() {
            events.push(`stop ${user.id} (database ${user.db.closed ? 'closed' : 'open'})`);
          },
        };
        return handle;
      },
    });
    await session.settled();
  });

  afterEach(async () => {
    await session.dispose();
    await databases.close();
  });

  const signInAs = async (userId: string, token: string) => {
    state.session.value = { token, user: { id: userId, login: userId, displayName: userId, role: 'applicant' } };
    await session.settled();
  };

  it("should stop the last person's transfer, with their database still open, before starting the next one's with the next token", async () => {
    await signInAs('usera', 'token-a');
    expect(session.transfer()).not.toBeNull();
    await signInAs('userb', 'token-b');
    state.session.value = null;
    await session.settled();

    expect(events).toEqual(['start usera with token-a', 'stop usera (database open)', 'start userb with token-b', 'stop userb (database open)']);
    expect(session.transfer()).toBeNull();
    expect(state.transfer.value).toEqual(EMPTY_TRANSFER);
  });

  it('should start nothing while nobody is signed in', async () => {
    expect(events).toEqual([]);
    expect(session.transfer()).toBeNull();
  });
});
