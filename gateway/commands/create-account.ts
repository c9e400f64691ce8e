import type { Role } from '../../sync-protocol/index.js';
import type { Clock } from '../clock.js';
import { Problem } from '../problem.js';
import type { Account, AccountStore } from '../store/store.js';
import { isValidLogin, normaliseLogin } from './accounts-rules.js';
import { generatePassword, hashPassword } from './password.js';
import { createUserId } from './tokens.js';

export interface CreateAccountInput {
  login: string;
  displayName: string;
  role: Role;
  /** Generated when absent. */
  password?: string;
}

/** Creates an account; answers it with the password (generated or given) to hand over once. */
export async function createAccount(deps: { accounts: AccountStore; clock: Clock }, input: CreateAccountInput): Promise<{ account: Account; password: string }> {
  const login = normaliseLogin(input.login);
  if (!isValidLogin(login)) throw new Problem('INVALID_REQUEST', { field: 'login', detail: 'use 2-64 of a-z 0-9 . _ @ -' });
  const displayName = input.displayName.trim();
  if (displayName.length === 0 || displayName.length > 100) throw new Problem('INVALID_REQUEST', { field: 'name' });
  const password = input.password ?? generatePassword();
  if (password.length < 8 || password.length > 200) throw new Problem('INVALID_REQUEST', { field: 'password', detail: 'use 8-200 characters' });
  const account: Account = {
    login,
    userId: createUserId(),
    displayName,
    role: input.role,
    passwordHash: await hashPassword(password),
    disabled: false,
    tokenGeneration: 1,
    createdAt: deps.clock.now().toISOString(),
  };
  if ((await deps.accounts.create(account)) === 'exists') {
    throw new Problem('INVALID_REQUEST', { field: 'login', detail: 'this login is taken' });
  }
  return { account, password };
}
