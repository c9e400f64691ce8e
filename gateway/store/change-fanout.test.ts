import { describe, expect, it, vi } from 'vitest';
import { ChangeFanout } from './change-fanout.js';
import type { ChangeHandlers, ChangesPage } from './store.js';

const page: ChangesPage = { documents: [{ _id: 'a', data: {} } as never], seq: 'opaque-1' };
const handlers = () => ({ onChange: vi.fn<ChangeHandlers['onChange']>(), onError: vi.fn<ChangeHandlers['onError']>() });

describe('ChangeFanout', () => {
  it('should say the first follower of a database starts its feed and the last one stops it', () => {
    const fanout = new ChangeFanout();
    const [a, b] = [handlers(), handlers()];
    expect(fanout.subscribe('db1', a)).toBe(true);
    expect(fanout.subscribe('db1', b)).toBe(false);
    expect(fanout.unsubscribe('db1', a)).toBe(false);
    expect(fanout.unsubscribe('db1', b)).toBe(true);
    expect(fanout.has('db1')).toBe(false);
    expect(fanout.subscribe('db1', a)).toBe(true);
  });

  it('should not count a follower removed twice or never added as the last', () => {
    const fanout = new ChangeFanout();
    const [a, b] = [handlers(), handlers()];
    fanout.subscribe('db1', a);
    fanout.subscribe('db1', b);
    expect(fanout.unsubscribe('db1', a)).toBe(false);
    expect(fanout.unsubscribe('db1', a)).toBe(false);
    expect(fanout.unsubscribe('db2', b)).toBe(false);
    expect(fanout.has('db1')).toBe(true);
  });

  it('should deliver a page to every follower of its database and to no other', () => {
    const fanout = new ChangeFanout();
    const [a, b, other] = [handlers(), handlers(), handlers()];
    fanout.subscribe('db1', a);
    fanout.subscribe('db1', b);
    fanout.subscribe('db2', other);
    expect(fanout.deliver('db1', page)).toBe(2);
    expect(a.onChange).toHaveBeenCalledWith(page);
    expect(b.onChange).toHaveBeenCalledWith(page);
    expect(other.onChange).not.toHaveBeenCalled();
    expect(fanout.deliver('nobody', page)).toBe(0);
  });

  it('should keep delivering to the others when one follower throws', () => {
    const fanout = new ChangeFanout();
    const [a, b] = [handlers(), handlers()];
    a.onChange.mockImplementation(() => {
      throw new Error('socket gone');
    });
    fanout.subscribe('db1', a);
    fanout.subscribe('db1', b);
    fanout.deliver('db1', page);
    expect(b.onChange).toHaveBeenCalledWith(page);
  });

  it('should tell every follower of a failed feed and forget them', () => {
    const fanout = new ChangeFanout();
    const [a, b] = [handlers(), handlers()];
    fanout.subscribe('db1', a);
    fanout.subscribe('db1', b);
    const error = new Error('gone');
    expect(fanout.fail('db1', error)).toBe(2);
    expect(a.onError).toHaveBeenCalledWith(error);
    expect(b.onError).toHaveBeenCalledWith(error);
    expect(fanout.has('db1')).toBe(false);
    expect(fanout.unsubscribe('db1', a)).toBe(false);
  });

  it('should count followers across databases', () => {
    const fanout = new ChangeFanout();
    fanout.subscribe('db1', handlers());
    fanout.subscribe('db1', handlers());
    fanout.subscribe('db2', handlers());
    expect(fanout.followerCount()).toBe(3);
    expect(fanout.databases().sort()).toEqual(['db1', 'db2']);
  });
});
