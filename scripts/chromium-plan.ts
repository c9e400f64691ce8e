/**
 * What to do before the browser tests when Chromium may be missing: a pure
 * decision over facts about the machine, so `ensure-chromium.ts` only gathers
 * the facts and carries the plan out. The tests drive Debian's Chromium
 * (test/support/browser.ts), never a browser downloaded by npm.
 */

/** Debian packages the browser tests need, as `.ci/run` installs them (the font keeps Chinese from being drawn as boxes). */
export const CHROMIUM_PACKAGES = ['chromium', 'fonts-wqy-microhei'] as const;

/** Where Debian's `chromium` package puts the browser: the only path apt can fill. */
export const DEBIAN_CHROMIUM_PATH = '/usr/bin/chromium';

export interface MachineFacts {
  /** Where the tests look for Chromium (CHROMIUM_PATH, or Debian's path). */
  chromiumPath: string;
  chromiumPresent: boolean;
  /** Debian packages of CHROMIUM_PACKAGES already installed. */
  installedPackages: readonly string[];
  isRoot: boolean;
  aptAvailable: boolean;
}

export type ChromiumPlan = { action: 'ready' } | { action: 'install'; packages: string[] } | { action: 'stop'; reason: string; command: string };

/** The one command a person runs to install what `packages` lists. */
export function aptCommand(packages: readonly string[], asRoot: boolean): string {
  const sudo = asRoot ? '' : 'sudo ';
  return `${sudo}apt-get update && ${sudo}apt-get install -y ${packages.join(' ')}`;
}

/** Decide whether the browser tests can run, what to install first, or which command to tell the person to run. */
export function planChromium(facts: MachineFacts): ChromiumPlan {
  if (facts.chromiumPresent) return { action: 'ready' };
  if (facts.chromiumPath !== DEBIAN_CHROMIUM_PATH) {
    return { action: 'stop', reason: `CHROMIUM_PATH is ${facts.chromiumPath}, and no file is there`, command: 'CHROMIUM_PATH=/path/to/chromium npm test' };
  }
  const packages = CHROMIUM_PACKAGES.filter((name) => name === 'chromium' || !facts.installedPackages.includes(name));
  if (!facts.aptAvailable) {
    return {
      action: 'stop',
      reason: `no Chromium at ${facts.chromiumPath} and no apt-get to install it (on Debian or Ubuntu: ${aptCommand(packages, false)})`,
      command: 'CHROMIUM_PATH=/path/to/chromium npm test',
    };
  }
  if (!facts.isRoot) return { action: 'stop', reason: `no Chromium at ${facts.chromiumPath}`, command: aptCommand(packages, false) };
  return { action: 'install', packages };
}
