/** The server's clock, injected so tests can fix time. Device clocks are never trusted. */
export interface Clock {
  now(): Date;
}

export function createSystemClock(): Clock {
  return { now: () => new Date() };
}
