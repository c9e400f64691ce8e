import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftSaver } from './draft-saver.js';

describe('draft saver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('should write once after typing pauses, creating then updating the draft', async () => {
    const writes: Array<[string | null, string]> = [];
    const saver = new DraftSaver({ id: null, save: async (id, v) => (writes.push([id, v.name]), 'app-1') });
    saver.schedule({ name: '王' });
    saver.schedule({ name: '王秀' });
    await vi.advanceTimersByTimeAsync(400);
    saver.schedule({ name: '王秀英' });
    expect(await saver.flush()).toBe('app-1');
    expect(writes).toEqual([
      [null, '王秀'],
      ['app-1', '王秀英'],
    ]);
  });

  it('should write nothing when nothing changed', async () => {
    const save = vi.fn(async () => 'app-1');
    const saver = new DraftSaver({ id: 'app-9', save });
    expect(await saver.flush()).toBe('app-9');
    expect(save).not.toHaveBeenCalled();
  });

  it('should tell whoever waits when the last write failed, and write again on the next change', async () => {
    let fail = true;
    const saver = new DraftSaver({
      id: 'app-1',
      save: async (id) => {
        if (fail) throw new Error('disk full');
        return id;
      },
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    saver.schedule({ name: '王' });
    await expect(saver.flush()).rejects.toThrow('disk full');
    fail = false;
    saver.schedule({ name: '王秀英' });
    expect(await saver.flush()).toBe('app-1');
  });
});
