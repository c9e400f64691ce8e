import type { IntakeEvent } from '../../province/intake-contract.js';
import type { StatusDoc } from '../../sync-protocol/index.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { DocumentStore, OutboxStore } from '../store/store.js';
import { submitEntryId } from '../domain/outbox-entry.js';
import type { ProvinceAdapter } from './province-adapter.js';
import { provinceStatusId, recordStatus } from './record-status.js';
import { SILENT_UPLINK_OBSERVER, type UplinkObserver } from './uplink-observer.js';

export interface StatusPollerOptions {
  pollMs: number;
  batchSize: number;
}

export interface StatusPollerDeps {
  outbox: OutboxStore;
  documents: DocumentStore;
  province: ProvinceAdapter;
  clock: Clock;
  logger: Logger;
  /** Told of every poll (metrics); default: nobody. */
  observer?: UplinkObserver;
}

export interface StatusPoller {
  /** Reads the province's changes after the stored cursor and applies them; answers how many events it read. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Brings the province's answers back: polls `GET /changes` from a cursor kept
 * in the outbox database, writes each event as a status document in the
 * owner's statuses database, then moves the cursor (with its `_rev`).
 * Applying is idempotent (status ids come from event ids), so a gateway killed
 * before it moved the cursor, or two instances polling together, write each
 * status once; the instance that loses the cursor write simply reads again.
 */
export function startStatusPoller(deps: StatusPollerDeps, options: StatusPollerOptions): StatusPoller {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const log = deps.logger.child({ component: 'status-poller' });
  const observer = deps.observer ?? SILENT_UPLINK_OBSERVER;

  async function runOnce(): Promise<number> {
    const { cursor, rev } = await deps.outbox.readCursor();
    const page = await deps.province.pullChanges(cursor, options.batchSize);
    observer.polled(page.events.length, page.events.length >= options.batchSize, deps.clock.now());
    if (page.events.length === 0) return 0;
    let applied = 0;
    for (const event of page.events) if (await applyEvent(event)) applied += 1;
    const moved = await deps.outbox.writeCursor(page.cursor, rev);
    log.info({ events: page.events.length, applied, cursor: page.cursor, moved }, 'province changes applied');
    return page.events.length;
  }

  async function applyEvent(event: IntakeEvent): Promise<boolean> {
    const submit = await deps.outbox.read(submitEntryId(event.applicationId));
    if (!submit) {
      log.warn({ applicationId: event.applicationId, eventId: event.eventId }, 'event for an application this gateway did not send; skipped');
      return false;
    }
    const now = deps.clock.now().toISOString();
    const status: StatusDoc = { id: provinceStatusId(event.applicationId, event.eventId), applicationId: event.applicationId, state: event.state, at: event.at };
    if (event.acceptanceNumber) status.acceptanceNumber = event.acceptanceNumber;
    if (event.message) status.message = event.message;
    if (event.materials) status.materials = event.materials.map(({ key, name, reason }) => ({ key, name, reason }));
    const fresh = await recordStatus(deps.documents, submit.owner, status, now);
    await rememberProvinceState(event);
    return fresh;
  }

  /** Keeps the province's latest state on the submission entry (the gateway checks it before taking a rating). */
  async function rememberProvinceState(event: IntakeEvent): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const entry = await deps.outbox.read(submitEntryId(event.applicationId));
      if (!entry) return;
      // Event ids grow with the feed: an older event never overwrites a newer state.
      if (entry.province && entry.province.eventId >= event.eventId) return;
      const province = { state: event.state, eventId: event.eventId, ...(event.acceptanceNumber ? { acceptanceNumber: event.acceptanceNumber } : {}) };
      if ((await deps.outbox.write({ ...entry, province })).ok) return;
    }
  }

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      let next = options.pollMs;
      running = runOnce()
        .then((read) => {
          if (read >= options.batchSize) next = 0; // more waiting
        })
        .catch((error: unknown) => {
          observer.pollFailed();
          log.warn({ err: error }, 'polling the province failed');
        })
        .finally(() => schedule(next));
    }, delay);
  }
  schedule(options.pollMs);

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
