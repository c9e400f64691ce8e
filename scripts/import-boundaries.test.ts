import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The import boundaries of eslint.config.js, each tried on a file that
 * crosses it and on one that stays inside, so a pattern that stops matching
 * (a typo, a folder renamed) fails here rather than letting imports through.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** [file, code, rules expected to fire (only boundary rules are compared)]. */
const CASES: Array<[string, string, string[]]> = [
  ['sync-protocol/probe.ts', "import { readFileSync } from 'node:fs';", ['boundaries/protocol-does-no-io']],
  ['sync-protocol/probe.ts', "import Koa from 'koa';", ['boundaries/protocol-does-no-io']],
  ['sync-protocol/probe.ts', "import nano from 'nano';", ['boundaries/nano-only-in-store', 'boundaries/protocol-does-no-io']],
  ['sync-protocol/probe.ts', "import Ajv from 'ajv';", []],
  ['sync-protocol/probe.ts', "import { guideSchema } from './schemas/guide.js';", []],
  ['sync-protocol/schemas/probe.ts', "import { ok } from '../result.js';", []],
  ['sync-protocol/schemas/probe.ts', "import { problem } from '../../gateway/problem.js';", ['boundaries/protocol-imports-only-itself']],
  ['sync-protocol/probe.ts', "import type { Doc } from '../pwa/src/db/collections.js';", ['boundaries/protocol-imports-only-itself']],
  ['sync-protocol/probe.ts', "export const load = () => fetch('/v1/guides');", ['no-restricted-globals']],
  ['gateway/resources/probe.ts', "import nano from 'nano';", ['boundaries/nano-only-in-store']],
  ['gateway/http/probe.ts', "import PouchDB from 'pouchdb-core';", ['boundaries/nano-only-in-store']],
  ['gateway/store/probe.ts', "import nano from 'nano';", []],
  ['test/support/probe.ts', "import nano from 'nano';", []],
  ['pwa/src/pages/guides/probe.tsx', "import { createRxDatabase } from 'rxdb';", ['boundaries/rxdb-only-in-device-db']],
  ['pwa/src/db/probe.ts', "import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';", []],
  ['pwa/src/sync/probe.ts', "import { replicateRxCollection } from 'rxdb/plugins/replication';", []],
  ['sw/probe.ts', "import Dexie from 'dexie';", ['boundaries/rxdb-only-in-device-db']],
  ['sw/probe.ts', "import type { GatewayClient } from '../pwa/src/sync/gateway-client.js';", ['boundaries/worker-not-page']],
  ['sw/probe.ts', "import { Page } from '../pwa/src/pages/guides/index.js';", ['boundaries/pages-only-in-app', 'boundaries/worker-not-page']],
  ['sw/probe.ts', "import { applicationSchema } from '../sync-protocol/schemas/application.js';", []],
  ['device-core/probe.ts', "import { userDatabaseName } from '../pwa/src/db/database-names.js';", ['boundaries/device-core-is-shared']],
  ['gateway/http/probe.ts', "import { awaitingPush } from '../../pwa/src/model/unacknowledged.js';", ['boundaries/server-not-device']],
  ['province/probe.ts', "import { x } from '../sw/probe.js';", ['boundaries/server-not-device']],
  ['pwa/src/sync/probe.ts', "import { problem } from '../../../gateway/problem.js';", ['boundaries/device-not-server']],
  ['gateway/store/probe.ts', "import { startForwarder } from '../upstream/forwarder.js';", ['boundaries/store-knows-no-forwarder']],
  ['gateway/store/probe.ts', "import type { OutboxEntry } from '../domain/outbox-entry.js';", []],
  ['gateway/commands/probe.ts', "import { startForwarder } from '../upstream/forwarder.js';", ['boundaries/commands-not-upstream']],
  ['gateway/upstream/probe.ts', "import { pushDocuments } from '../commands/push-documents.js';", ['boundaries/upstream-not-commands']],
  ['gateway/upstream/probe.ts', "import { mayGoUpstream } from '../domain/plan-deliveries.js';", []],
];

describe('import boundaries', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: ROOT });
  });

  it.each(CASES)('should report in %s: %s → %j', async (filePath, code, expected) => {
    const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath });
    const fired = result.messages.map((m) => m.ruleId ?? 'fatal').filter((rule) => rule.startsWith('boundaries/') || rule === 'no-restricted-globals' || rule === 'fatal');
    expect([...new Set(fired)].sort()).toEqual(expected);
  });

  it('should name the boundary and its way out in the message', async () => {
    const [result] = await eslint.lintText("import nano from 'nano';\n", { filePath: 'gateway/resources/probe.ts' });
    expect(result.messages.find((m) => m.ruleId === 'boundaries/nano-only-in-store')?.message).toContain('Only gateway/store/ talks to CouchDB');
  });
});
