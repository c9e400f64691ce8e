/** How long a station tablet waits with nobody touching it before it warns, then how long the warning lasts. */
export interface StationSettings {
  idleSeconds: number;
  warnSeconds: number;
}

/** 便民服务站: three quiet minutes, then a minute's warning, then the session ends. */
export const DEFAULT_STATION: StationSettings = { idleSeconds: 180, warnSeconds: 60 };

export type IdlePhase = { phase: 'active' } | { phase: 'warning'; secondsLeft: number } | { phase: 'expired' };

/**
 * Where an idle session on a shared tablet stands: in use, warned (with the
 * seconds left, counted down on screen), or over. Times in ms on one clock.
 */
export function idlePhase(lastActivityMs: number, nowMs: number, settings: StationSettings): IdlePhase {
  const idle = Math.max(0, nowMs - lastActivityMs);
  const warnAt = settings.idleSeconds * 1000;
  const endAt = warnAt + settings.warnSeconds * 1000;
  if (idle < warnAt) return { phase: 'active' };
  if (idle < endAt) return { phase: 'warning', secondsLeft: Math.ceil((endAt - idle) / 1000) };
  return { phase: 'expired' };
}

/** Settings read back from the phone, or null when they are not a station's (bounded: 10 s to an hour, warning 5 s to 5 min). */
export function parseStationSettings(value: unknown): StationSettings | null {
  if (!value || typeof value !== 'object') return null;
  const { idleSeconds, warnSeconds } = value as Record<string, unknown>;
  const bounded = (n: unknown, min: number, max: number, fallback: number) => (typeof n === 'number' && Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback);
  return { idleSeconds: bounded(idleSeconds, 1, 3600, DEFAULT_STATION.idleSeconds), warnSeconds: bounded(warnSeconds, 1, 300, DEFAULT_STATION.warnSeconds) };
}
