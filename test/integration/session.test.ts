import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disableAccount, resetPassword } from '../../gateway/commands/change-account.js';
import { hashToken } from '../../gateway/commands/tokens.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

describe('accounts and sessions', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway();
  });

  afterAll(async () => {
    await gateway?.close();
  });

  function signIn(login: string, password: string) {
    return fetch(`${gateway.url}/v1/session`, { method: 'POST', headers: gateway.headers(), body: JSON.stringify({ login, password }) });
  }

  function me(token: string) {
    return fetch(`${gateway.url}/v1/me`, { headers: gateway.headers(token) });
  }

  it('should sign in with the right password and answer a token and the user', async () => {
    const account = await gateway.createAccount('agent', '代办员小李');
    const response = await signIn(account.login, account.password);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.user).toEqual({ id: account.userId, login: account.login, displayName: '代办员小李', role: 'agent' });
    expect(Buffer.from(body.token, 'base64url')).toHaveLength(32);
    expect((await (await me(body.token)).json()).user.id).toBe(account.userId);
  });

  it("should store neither the token nor its bare hash, which would reach CouchDB's URLs and logs", async () => {
    const account = await gateway.createAccount();
    const token = await gateway.signIn(account.login, account.password);
    const sessions = gateway.couch.use<{ userId: string }>(gateway.dbNames.sessions);
    const { rows } = await sessions.list({ include_docs: true });
    expect(rows.filter((row) => row.doc?.userId === account.userId)).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(hashToken(token));
  });

  it('should refuse a wrong password and an unknown login alike', async () => {
    const account = await gateway.createAccount();
    for (const [login, password] of [
      [account.login, 'wrong-password'],
      ['nobody-here', account.password],
    ]) {
      const response = await signIn(login, password);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
  });

  it('should refuse a sign-in body without a password, naming the field', async () => {
    const response = await fetch(`${gateway.url}/v1/session`, { method: 'POST', headers: gateway.headers(), body: JSON.stringify({ login: 'demo' }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'INVALID_REQUEST', field: 'password' });
  });

  it('should stop a disabled account from signing in and its tokens from working', async () => {
    const account = await gateway.createAccount();
    const token = await gateway.signIn(account.login, account.password);
    expect((await me(token)).status).toBe(200);
    await disableAccount({ accounts: gateway.store.accounts }, account.login);
    expect((await me(token)).status).toBe(401);
    expect((await signIn(account.login, account.password)).status).toBe(401);
  });

  it('should end old sessions when the password is reset', async () => {
    const account = await gateway.createAccount();
    const token = await gateway.signIn(account.login, account.password);
    const { password } = await resetPassword({ accounts: gateway.store.accounts }, account.login);
    expect((await me(token)).status).toBe(401);
    expect((await signIn(account.login, account.password)).status).toBe(401);
    expect((await signIn(account.login, password)).status).toBe(200);
  });
});
