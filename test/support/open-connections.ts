import { readFileSync } from 'node:fs';

const ESTABLISHED = '01';

/**
 * Open TCP connections to `port` on this machine (client ends, IPv4 and
 * IPv6), from /proc/net/tcp*: what a server listening on that port holds,
 * counted from outside it. Linux only.
 */
export function countConnectionsTo(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let count = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const [, , remote, state] = line.trim().split(/\s+/);
      if (state === ESTABLISHED && remote?.endsWith(`:${hexPort}`)) count += 1;
    }
  }
  return count;
}
