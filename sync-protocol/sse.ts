import type { Checkpoint } from './checkpoint.js';
import type { WireDocument } from './messages.js';

/**
 * The live stream: `GET /v1/sync/{collection}/stream` answers
 * `text/event-stream`. Event kinds:
 * - `resync`: sent first on every (re)connection. Changes may have been
 *   missed while disconnected, so the device pulls from its checkpoint.
 * - `change`: documents changed at the server, with the checkpoint after them.
 * - `ping`: keeps proxies from closing an idle connection; ignore.
 */
export type StreamEvent<T> = { type: 'resync' } | { type: 'change'; documents: WireDocument<T>[]; checkpoint: Checkpoint } | { type: 'ping' };

/** Seconds between pings; clients treat twice this without data as a dead connection. */
export const STREAM_PING_SECONDS = 25;

/** Encodes one event as an SSE frame. */
export function encodeStreamEvent<T>(event: StreamEvent<T>): string {
  const data = event.type === 'change' ? JSON.stringify({ documents: event.documents, checkpoint: event.checkpoint }) : '{}';
  return `event: ${event.type}\ndata: ${data}\n\n`;
}

/**
 * Incremental SSE parser: feed it text as it arrives, in chunks cut anywhere,
 * and it returns the complete events so far. Unknown event kinds are skipped,
 * so a newer server can add kinds without breaking older devices.
 */
export function createStreamParser<T>(): (chunk: string) => StreamEvent<T>[] {
  let buffer = '';
  return (chunk: string) => {
    buffer += chunk.replace(/\r\n?/g, '\n');
    const events: StreamEvent<T>[] = [];
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const event = parseFrame<T>(buffer.slice(0, end));
      if (event) events.push(event);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
    }
    return events;
  };
}

function parseFrame<T>(frame: string): StreamEvent<T> | null {
  let type = 'message';
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  }
  if (type === 'resync') return { type: 'resync' };
  if (type === 'ping') return { type: 'ping' };
  if (type !== 'change') return null;
  return parseChange<T>(data.join('\n'));
}

/**
 * A change frame that cannot be read (cut by a proxy, say) is skipped, never
 * thrown: the device's next pull from its checkpoint brings what it carried.
 */
function parseChange<T>(data: string): StreamEvent<T> | null {
  try {
    const payload = JSON.parse(data) as { documents?: unknown; checkpoint?: { seq?: unknown } };
    if (!Array.isArray(payload.documents) || typeof payload.checkpoint?.seq !== 'string') return null;
    return { type: 'change', documents: payload.documents as WireDocument<T>[], checkpoint: { seq: payload.checkpoint.seq } };
  } catch {
    return null;
  }
}
