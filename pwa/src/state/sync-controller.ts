import { effect } from '@preact/signals';
import type { Observable } from 'rxjs';
import type { TongbanDatabase } from '../db/create-database.js';
import type { GatewayClient } from '../sync/gateway-client.js';
import { startReplication, type ReplicationHandle } from '../sync/start-replication.js';
import type { AppState } from './app-state.js';

/**
 * Keeps replication in step with the session: guides always, the private
 * collections while signed in. Restarts when the token changes (a new sign-in
 * after a 401 resumes from the stored checkpoints). Returns a disposer.
 */
export function connectReplication(options: {
  db: TongbanDatabase;
  client: GatewayClient;
  state: AppState;
  wakeUp$?: Observable<unknown>;
}): () => Promise<void> {
  const { state } = options;
  let current: ReplicationHandle | null = null;
  let chain = Promise.resolve();
  let lastToken: string | null | undefined;

  const dispose = effect(() => {
    const session = state.session.value;
    const token = session?.token ?? null;
    if (token === lastToken) return;
    lastToken = token;
    // One start/stop at a time: a quick sign-out/sign-in must not overlap two replications.
    chain = chain.then(async () => {
      await current?.stop();
      current = startReplication({
        db: options.db,
        client: options.client,
        user: session ? { id: session.user.id } : null,
        status: state.replication,
        wakeUp$: options.wakeUp$,
      });
    });
  });

  return async () => {
    dispose();
    await chain;
    await current?.stop();
  };
}
