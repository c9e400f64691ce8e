import type { GuideImportResult, ProblemBody } from '../../sync-protocol/index.js';
import { LEASE_ID } from '../../gateway/store/couch-import-journal.js';
import type { Answer } from './sync-http-client.js';
import type { TestGateway } from './start-test-gateway.js';

/** Posts an import file (an object, or raw text to send as it is) to the admin endpoint. */
export async function postGuideImport(gateway: TestGateway, token: string | undefined, file: unknown): Promise<Answer<GuideImportResult & ProblemBody>> {
  const body = typeof file === 'string' ? file : JSON.stringify(file);
  const response = await fetch(`${gateway.url}/v1/admin/guides/import`, { method: 'POST', headers: gateway.headers(token), body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** An operator's bearer token on this gateway. */
export async function operatorToken(gateway: TestGateway): Promise<string> {
  const operator = await gateway.createAccount('operator', '运维人员');
  return gateway.signIn(operator.login, operator.password);
}

/**
 * Every document revision of the catalogue databases (areas, each area's
 * guides, the import journal without its lease): equal snapshots mean nothing
 * was written in between. Documents, not update sequences: on Apache CouchDB a
 * sequence is opaque and differs between two reads with no write (issue 11).
 */
export async function catalogueSnapshot(gateway: TestGateway): Promise<Record<string, Record<string, string>>> {
  const names = gateway.dbNames;
  const dbs = (await gateway.couch.db.list()).filter((name) => name === names.areas || name === names.imports || name.startsWith(names.guidesPrefix));
  const snapshot: Record<string, Record<string, string>> = {};
  for (const name of dbs.sort()) {
    const rows = (await gateway.couch.use(name).list()).rows.filter((row) => row.id !== LEASE_ID);
    snapshot[name] = Object.fromEntries(rows.map((row) => [row.id, row.value.rev]));
  }
  return snapshot;
}
