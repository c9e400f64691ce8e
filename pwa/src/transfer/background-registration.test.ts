import { describe, expect, it } from 'vitest';
import { shouldRegisterBackgroundUpload, type PendingWork, type RegistrationMoment } from './background-registration.js';

const idle: PendingWork = { transferBusy: false, unacknowledgedApplications: false, online: true, hidden: false };

describe('shouldRegisterBackgroundUpload', () => {
  it.each<RegistrationMoment>(['offline', 'pagehide', 'visibility'])('should not register on %s when nothing waits to be sent', (moment) => {
    expect(shouldRegisterBackgroundUpload(moment, { ...idle, online: false, hidden: true })).toBe(false);
  });

  it.each<RegistrationMoment>(['offline', 'pagehide'])('should register on %s while photos are being sent', (moment) => {
    expect(shouldRegisterBackgroundUpload(moment, { ...idle, transferBusy: true })).toBe(true);
  });

  it.each<RegistrationMoment>(['offline', 'pagehide'])(
    'should register on %s while a submitted application waits for the gateway, with no photo to send and the browser saying online',
    (moment) => {
      expect(shouldRegisterBackgroundUpload(moment, { ...idle, unacknowledgedApplications: true })).toBe(true);
    },
  );

  it('should register when the page is hidden with an unacknowledged application, though the browser says online (a flaky link)', () => {
    expect(shouldRegisterBackgroundUpload('visibility', { ...idle, unacknowledgedApplications: true, hidden: true })).toBe(true);
  });

  it.each<RegistrationMoment>(['visibility', 'work'])('should not register on %s while the page is visible and online: it sends itself', (moment) => {
    expect(shouldRegisterBackgroundUpload(moment, { ...idle, transferBusy: true, unacknowledgedApplications: true })).toBe(false);
  });

  it('should register new work (a round with work, a submit) while offline or hidden, whatever the rest says', () => {
    expect(shouldRegisterBackgroundUpload('work', { ...idle, online: false })).toBe(true);
    expect(shouldRegisterBackgroundUpload('work', { ...idle, hidden: true })).toBe(true);
  });
});
