/**
 * Which copy of a guide a device keeps. A guide that moves area is withdrawn
 * in its old area's feed (version + 1) and published in the new area's feed
 * (version + 2); a device following both feeds can receive them in either
 * order. The higher version wins, so a late tombstone from the old area never
 * removes the guide the new area published. Equal versions: the incoming copy.
 */
export function keepNewerGuide<T extends { version: number; _deleted?: boolean }>(incoming: T, local: T | null): T {
  if (local && local.version > incoming.version) return local;
  return incoming;
}
