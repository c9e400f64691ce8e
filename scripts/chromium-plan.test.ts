import { describe, expect, it } from 'vitest';
import { planChromium, type MachineFacts } from './chromium-plan.js';

const freshMachine: MachineFacts = {
  chromiumPath: '/usr/bin/chromium',
  chromiumPresent: false,
  installedPackages: [],
  isRoot: true,
  aptAvailable: true,
};

describe('planChromium', () => {
  it('should do nothing when Chromium is there', () => {
    expect(planChromium({ ...freshMachine, chromiumPresent: true, isRoot: false, aptAvailable: false })).toEqual({ action: 'ready' });
  });

  it('should install Chromium and the CJK font as root with apt, as .ci/run does', () => {
    expect(planChromium(freshMachine)).toEqual({ action: 'install', packages: ['chromium', 'fonts-wqy-microhei'] });
  });

  it('should leave out the font when it is already installed', () => {
    expect(planChromium({ ...freshMachine, installedPackages: ['fonts-wqy-microhei'] })).toEqual({ action: 'install', packages: ['chromium'] });
  });

  it('should stop with the sudo command when not root', () => {
    expect(planChromium({ ...freshMachine, isRoot: false })).toEqual({
      action: 'stop',
      reason: 'no Chromium at /usr/bin/chromium',
      command: 'sudo apt-get update && sudo apt-get install -y chromium fonts-wqy-microhei',
    });
  });

  it('should stop, naming CHROMIUM_PATH, when there is no apt-get', () => {
    const plan = planChromium({ ...freshMachine, aptAvailable: false });
    expect(plan).toMatchObject({ action: 'stop', command: 'CHROMIUM_PATH=/path/to/chromium npm test' });
  });

  it('should not install when CHROMIUM_PATH points at a missing file, since apt cannot put Chromium there', () => {
    const plan = planChromium({ ...freshMachine, chromiumPath: '/opt/chrome/chrome' });
    expect(plan).toEqual({ action: 'stop', reason: 'CHROMIUM_PATH is /opt/chrome/chrome, and no file is there', command: 'CHROMIUM_PATH=/path/to/chromium npm test' });
  });
});
