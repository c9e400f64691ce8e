/**
 * Operator CLI for accounts: `npm run accounts -- <command> [options]`.
 * Uses the gateway's store configuration (COUCHDB_URL, or the embedded store
 * in TB_DATA_DIR).
 */
import { parseArgs } from 'node:util';
import { parseRole } from '../commands/accounts-rules.js';
import { disableAccount, resetPassword } from '../commands/change-account.js';
import { createAccount } from '../commands/create-account.js';
import { createSystemClock } from '../clock.js';
import type { Store } from '../store/store.js';
import { runWithStore } from './run-with-store.js';

const HELP = `通办 accounts

Usage: npm run accounts -- <command> [options]

  create --login L --name 名字 --role applicant|agent|operator [--password P]
                               create an account; prints a generated password if none is given
  list                         list accounts (login, name, role, state)
  reset-password --login L     set a new generated password; the account's tokens stop working
  disable --login L            the account can no longer sign in; its tokens stop working

Store: COUCHDB_URL when set, else the embedded store in TB_DATA_DIR (default .data).
The embedded store is LevelDB inside one process: stop a gateway running on the
same data directory before using this command, and start it again afterwards.
`;

type Options = { login?: string; name?: string; role?: string; password?: string; help?: boolean };

function requireOption(options: Options, key: 'login' | 'name'): string {
  const value = options[key];
  if (!value) throw new Error(`--${key} is required`);
  return value;
}

async function run(command: string | undefined, options: Options, store: Store): Promise<void> {
  const clock = createSystemClock();
  switch (command) {
    case 'create': {
      const { account, password } = await createAccount(
        { accounts: store.accounts, clock },
        { login: requireOption(options, 'login'), displayName: requireOption(options, 'name'), role: parseRole(options.role), password: options.password },
      );
      console.log(`created ${account.login} (${account.role}, ${account.displayName}), user id ${account.userId}`);
      if (!options.password) console.log(`password: ${password}`);
      return;
    }
    case 'list': {
      const accounts = await store.accounts.list();
      if (accounts.length === 0) console.log('no accounts');
      for (const a of accounts) {
        console.log([a.login.padEnd(24), a.role.padEnd(10), a.disabled ? 'disabled' : 'active  ', a.userId, a.displayName].join('  '));
      }
      return;
    }
    case 'reset-password': {
      const { password } = await resetPassword({ accounts: store.accounts }, requireOption(options, 'login'));
      console.log(`new password for ${options.login}: ${password}`);
      return;
    }
    case 'disable': {
      const account = await disableAccount({ accounts: store.accounts }, requireOption(options, 'login'));
      console.log(`disabled ${account.login}`);
      return;
    }
    default:
      throw new Error(command ? `unknown command: ${command}` : 'a command is required');
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      login: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command || command === 'help') {
    console.log(HELP);
    return command && command !== 'help' ? 1 : 0;
  }
  return runWithStore((store) => run(command, values, store));
}

main().then((code) => process.exit(code));
