/**
 * Run first by `npm test` and `npm run test:e2e`: without Chromium the 13
 * browser test files would each fail with "executable doesn't exist". As root
 * with apt (CI, a fresh container) it installs what `.ci/run` installs;
 * otherwise it stops at once with the one command to run.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { CHROMIUM_PATH } from '../test/support/browser.js';
import { aptCommand, CHROMIUM_PACKAGES, planChromium, type MachineFacts } from './chromium-plan.js';

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function isInstalled(debianPackage: string): boolean {
  return spawnSync('dpkg', ['-s', debianPackage], { stdio: 'ignore' }).status === 0;
}

function gatherFacts(): MachineFacts {
  return {
    chromiumPath: CHROMIUM_PATH,
    chromiumPresent: existsSync(CHROMIUM_PATH),
    installedPackages: CHROMIUM_PACKAGES.filter(isInstalled),
    isRoot: process.getuid?.() === 0,
    aptAvailable: onPath('apt-get'),
  };
}

function apt(args: string[]): boolean {
  const run = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return run.status === 0;
}

function stop(reason: string, command: string): never {
  console.error(`\nThe browser tests need Chromium: ${reason}.\nRun:\n\n  ${command}\n`);
  process.exit(1);
}

const plan = planChromium(gatherFacts());
if (plan.action === 'stop') stop(plan.reason, plan.command);
if (plan.action === 'install') {
  console.log(`== installing ${plan.packages.join(' ')} from Debian (as .ci/run does)`);
  const installed = apt(['update', '-qq']) && apt(['install', '-y', '-qq', ...plan.packages]);
  if (!installed || !existsSync(CHROMIUM_PATH)) stop(`installing ${plan.packages.join(' ')} failed`, aptCommand(plan.packages, true));
}
