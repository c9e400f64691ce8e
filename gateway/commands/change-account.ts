import { Problem } from '../problem.js';
import type { Account, AccountStore } from '../store/store.js';
import { normaliseLogin } from './accounts-rules.js';
import { generatePassword, hashPassword } from './password.js';

async function requireAccount(accounts: AccountStore, login: string): Promise<Account> {
  const account = await accounts.findByLogin(normaliseLogin(login));
  if (!account) throw new Problem('NOT_FOUND', { field: 'login', detail: 'no such account' });
  return account;
}

/** Sets a new (generated) password; the account's existing tokens stop working. */
export async function resetPassword(deps: { accounts: AccountStore }, login: string): Promise<{ password: string }> {
  const account = await requireAccount(deps.accounts, login);
  const password = generatePassword();
  await deps.accounts.update({
    ...account,
    passwordHash: await hashPassword(password),
    tokenGeneration: account.tokenGeneration + 1,
  });
  return { password };
}

/** Disables an account: it cannot sign in and its tokens stop working. */
export async function disableAccount(deps: { accounts: AccountStore }, login: string): Promise<Account> {
  const account = await requireAccount(deps.accounts, login);
  const disabled = { ...account, disabled: true };
  await deps.accounts.update(disabled);
  return disabled;
}
