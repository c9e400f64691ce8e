import { describe, expect, it } from 'vitest';
import { DEFAULT_STATION, idlePhase, parseStationSettings } from './idle-session.js';

describe('an idle session on a station tablet', () => {
  const settings = { idleSeconds: 180, warnSeconds: 60 };
  it('is in use, then warned with the seconds left, then over', () => {
    expect(idlePhase(0, 179_999, settings)).toEqual({ phase: 'active' });
    expect(idlePhase(0, 180_000, settings)).toEqual({ phase: 'warning', secondsLeft: 60 });
    expect(idlePhase(0, 239_001, settings)).toEqual({ phase: 'warning', secondsLeft: 1 });
    expect(idlePhase(0, 240_000, settings)).toEqual({ phase: 'expired' });
  });

  it('treats a touch from the future (a clock set back) as just now', () => {
    expect(idlePhase(10_000, 0, settings)).toEqual({ phase: 'active' });
  });

  it('reads back only settings a station can use', () => {
    expect(parseStationSettings(null)).toBeNull();
    expect(parseStationSettings('yes')).toBeNull();
    expect(parseStationSettings({})).toEqual(DEFAULT_STATION);
    expect(parseStationSettings({ idleSeconds: 99_999, warnSeconds: 0 })).toEqual({ idleSeconds: 3600, warnSeconds: 1 });
  });
});
