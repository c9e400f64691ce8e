import { PROTOCOL_HEADER, PROTOCOL_VERSION, type ProblemBody } from '../../sync-protocol/index.js';
import { startTestGateway } from '../support/start-test-gateway.js';
import { createSyncHttpClient } from '../support/sync-http-client.js';
import { ProtocolProblem, type SyncProtocolTarget, type SyncSession } from './sync-protocol-target.js';

function answerOrThrow<T>(answer: { status: number; body: unknown }): T {
  if (answer.status === 200) return answer.body as T;
  throw new ProtocolProblem(answer.body as ProblemBody);
}

function httpSession(baseUrl: string, token: string, userId: string, version: string): SyncSession {
  const client = createSyncHttpClient(baseUrl, token, { [PROTOCOL_HEADER]: version });
  return {
    userId,
    pull: async (collection, checkpoint, limit) => answerOrThrow(await client.pull(collection, checkpoint, limit)),
    push: async (collection, rows) => answerOrThrow(await client.push(collection, rows)),
    stream: (collection) => client.openStream(collection),
    changes: async (feeds) => answerOrThrow(await client.changes(feeds)),
    withProtocolVersion: (other) => httpSession(baseUrl, token, userId, other),
  };
}

/** The real gateway on its embedded store, reached over HTTP. */
export async function createHttpTarget(): Promise<SyncProtocolTarget> {
  const gateway = await startTestGateway();
  return {
    async newUserSession() {
      const account = await gateway.createAccount('applicant');
      const token = await gateway.signIn(account.login, account.password);
      return httpSession(gateway.url, token, account.userId, String(PROTOCOL_VERSION));
    },
    close: () => gateway.close(),
  };
}
