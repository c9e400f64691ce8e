import { describe, expect, it } from 'vitest';
import { isSkipWaitingMessage } from './update-message.js';

describe('isSkipWaitingMessage', () => {
  it('should accept the message workbox-window sends', () => {
    expect(isSkipWaitingMessage({ type: 'SKIP_WAITING' })).toBe(true);
  });

  it('should ignore anything else', () => {
    for (const data of [null, 'SKIP_WAITING', { type: 'skip_waiting' }, { kind: 'SKIP_WAITING' }]) expect(isSkipWaitingMessage(data)).toBe(false);
  });
});
