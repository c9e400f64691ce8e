import type { GatewayErrorKind } from '../../../device-core/client/gateway-error.js';

/** What a failed pull, push or stream means for the whole replication. */
export interface FailureEffect {
  /** Nothing gets through now (unreachable, failing, or a proxy answering nonsense): show offline. A fatal answer came from the gateway, so it leaves that alone. */
  markOffline: boolean;
  /** Which feeds stop: all of them (the app is too old to write anything), the private ones (the session ended), or none (RxDB retries). */
  stop: 'all' | 'private' | 'none';
  needsUpdate: boolean;
  needsSignIn: boolean;
}

/**
 * Decides from the failure's kind alone. A 426 stops everything: a stale app
 * must write nothing; a 401 stops only what needs the session, guides keep
 * coming. Pure.
 */
export function effectOfFailure(kind: GatewayErrorKind): FailureEffect {
  if (kind === 'needs-update') return { markOffline: false, stop: 'all', needsUpdate: true, needsSignIn: false };
  if (kind === 'needs-sign-in') return { markOffline: false, stop: 'private', needsUpdate: false, needsSignIn: true };
  return { markOffline: true, stop: 'none', needsUpdate: false, needsSignIn: false };
}

/** Area feeds to drop and to add when the chosen areas change, each once. Pure. */
export function planAreaChange(current: readonly string[], next: readonly string[]): { wanted: string[]; dropped: string[]; added: string[] } {
  const wanted = [...new Set(next)];
  return { wanted, dropped: current.filter((a) => !wanted.includes(a)), added: wanted.filter((a) => !current.includes(a)) };
}

/** A feed's key: a collection, or a collection's area feed (`guides@331123`). */
export function feedKey(name: string, area?: string): string {
  return area ? `${name}@${area}` : name;
}
