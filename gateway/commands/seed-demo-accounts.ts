import type { Role } from '../../sync-protocol/index.js';
import type { Clock } from '../clock.js';
import type { AccountStore } from '../store/store.js';
import { createAccount } from './create-account.js';

export interface DemoAccount {
  login: string;
  password: string;
  displayName: string;
  role: Role;
}

/** Published in the README: only ever created on a gateway that has no accounts at all. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { login: 'demo', password: 'demo1234', displayName: '演示用户', role: 'applicant' },
  { login: 'agent', password: 'agent1234', displayName: '代办员小李', role: 'agent' },
];

/** Creates the demo accounts when there are no accounts; answers the ones created. */
export async function seedDemoAccounts(deps: { accounts: AccountStore; clock: Clock }): Promise<DemoAccount[]> {
  if ((await deps.accounts.count()) > 0) return [];
  for (const demo of DEMO_ACCOUNTS) await createAccount(deps, demo);
  return [...DEMO_ACCOUNTS];
}
