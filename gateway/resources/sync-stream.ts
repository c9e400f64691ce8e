import { PassThrough } from 'node:stream';
import { encodeStreamEvent, type CollectionName, type StreamEvent } from '../../sync-protocol/index.js';
import { followDocuments } from '../commands/follow-documents.js';
import type { AppContext, AppDeps } from '../http/app-state.js';
import type { ChangeFollower } from '../store/store.js';

/**
 * Answers `text/event-stream`: `resync` first, then a `change` for every
 * batch written to the collection, and a `ping` every streamPingMs. The
 * follower starts before `resync` is sent, so nothing written after the
 * device's catch-up pull can slip between the two. When the store's feed
 * fails the stream ends: the device reconnects, gets `resync` and pulls.
 */
export async function streamCollection(ctx: AppContext, deps: AppDeps, feed: { collection: CollectionName; userId?: string; area?: string }): Promise<void> {
  const { collection, userId, area } = feed;
  const out = new PassThrough();
  const log = ctx.state.log.child({ collection, userId, area });
  let follower: ChangeFollower | null = null;
  let changes = 0;
  const send = (event: StreamEvent<Record<string, unknown>>) => {
    if (!out.writableEnded) out.write(encodeStreamEvent(event));
  };

  follower = await followDocuments(
    { documents: deps.store.documents },
    {
      collection,
      userId,
      area,
      onChange(event) {
        changes += event.documents.length;
        log.debug({ rows: event.documents.length, checkpoint: event.checkpoint.seq }, 'stream change');
        send(event);
      },
      onError(error) {
        log.warn({ err: error }, 'change feed failed; ending the stream');
        out.end();
      },
    },
  );
  const ping = setInterval(() => send({ type: 'ping' }), deps.config.streamPingMs);
  const streamsOpen = deps.metrics?.sync.streamsOpen;
  streamsOpen?.inc({ collection });
  let counted = true;
  const stop = () => {
    // Once: both the response's close and the stream's end call this.
    if (counted) streamsOpen?.dec({ collection });
    counted = false;
    clearInterval(ping);
    follower?.stop();
    follower = null;
    if (!out.writableEnded) out.end();
  };
  ctx.res.once('close', () => {
    stop();
    log.info({ changes }, 'stream closed');
  });
  out.once('end', stop);

  ctx.req.socket.setTimeout(0);
  ctx.req.socket.setNoDelay(true);
  ctx.status = 200;
  ctx.set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'X-Accel-Buffering': 'no',
    Connection: 'keep-alive',
  });
  ctx.body = out;
  ctx.state.logFields.stream = true;
  send({ type: 'resync' });
}
