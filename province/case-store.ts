import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../sync-protocol/canonical-json.js';
import type { SimCase } from './case-rules.js';
import type { IntakeEvent } from './intake-contract.js';

/** The first answer given to an Idempotency-Key, replayed to every resend. */
export interface KeyRecord {
  bodyHash: string;
  status: number;
  answer: unknown;
}

interface State {
  nextCaseSeq: number;
  nextEventSeq: number;
  cases: Record<string, SimCase>;
  events: (IntakeEvent & { seq: number })[];
  keys: Record<string, KeyRecord>;
  /** Every receipt per Idempotency-Key, duplicates included. */
  receipts: Record<string, number>;
}

const EMPTY: State = { nextCaseSeq: 1, nextEventSeq: 1, cases: {}, events: [], keys: {}, receipts: {} };

/**
 * The simulator's memory, written to one JSON file after every change
 * (write to a temporary file, then rename: a killed simulator leaves the old
 * or the new state, never half of one), and materials as files by SHA-256.
 * Good enough for a simulator; a province has its own database.
 */
export class CaseStore {
  private state: State;
  private readonly file: string;
  readonly materialsDir: string;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'province-state.json');
    this.materialsDir = join(dataDir, 'materials');
    mkdirSync(this.materialsDir, { recursive: true });
    this.state = existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as State) : structuredClone(EMPTY);
  }

  countReceipt(key: string): void {
    this.state.receipts[key] = (this.state.receipts[key] ?? 0) + 1;
    this.save();
  }

  findKey(key: string): KeyRecord | undefined {
    return this.state.keys[key];
  }

  rememberKey(key: string, record: KeyRecord): void {
    this.state.keys[key] = record;
    this.save();
  }

  nextCaseSeq(): number {
    const seq = this.state.nextCaseSeq;
    this.state.nextCaseSeq += 1;
    return seq;
  }

  getCase(caseId: string): SimCase | undefined {
    return this.state.cases[caseId];
  }

  findCaseByApplication(applicationId: string): SimCase | undefined {
    return Object.values(this.state.cases).find((c) => c.applicationId === applicationId);
  }

  listCases(): SimCase[] {
    return Object.values(this.state.cases);
  }

  /** Stores the case and, when given, appends its event: one save for both. */
  putCase(c: SimCase, event?: Omit<IntakeEvent, 'eventId'>): void {
    this.state.cases[c.caseId] = c;
    if (event) {
      const seq = this.state.nextEventSeq;
      this.state.nextEventSeq += 1;
      this.state.events.push({ ...event, eventId: `ev-${String(seq).padStart(8, '0')}`, seq });
    }
    this.save();
  }

  /** Events after the cursor (an event sequence number, as text). */
  eventsAfter(cursor: string, limit: number): { events: IntakeEvent[]; cursor: string } {
    const after = Number(cursor) || 0;
    const page = this.state.events.filter((e) => e.seq > after).slice(0, limit);
    const last = page.at(-1)?.seq ?? Math.max(after, 0);
    return { events: page.map(({ seq: _seq, ...event }) => event), cursor: String(last) };
  }

  counts(): Record<string, unknown> {
    const receipts = { ...this.state.receipts };
    const total = Object.values(receipts).reduce((a, b) => a + b, 0);
    const cases = Object.values(this.state.cases);
    const perApplication: Record<string, number> = {};
    for (const c of cases) perApplication[c.applicationId] = (perApplication[c.applicationId] ?? 0) + 1;
    return {
      receipts,
      totalReceipts: total,
      distinctKeys: Object.keys(receipts).length,
      duplicates: total - Object.keys(receipts).length,
      cases: cases.length,
      casesPerApplication: perApplication,
      supplements: cases.reduce((n, c) => n + c.supplements.length, 0),
      ratings: cases.filter((c) => c.rating).length,
      events: this.state.events.length,
    };
  }

  hasMaterial(sha256: string): boolean {
    return existsSync(join(this.materialsDir, sha256));
  }

  putMaterial(sha256: string, bytes: Buffer): void {
    const path = join(this.materialsDir, sha256);
    writeFileSync(`${path}.tmp`, bytes);
    renameSync(`${path}.tmp`, path);
  }

  private save(): void {
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.state));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

/** SHA-256 of a JSON body with sorted keys: the same content always hashes the same. */
export function bodyHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
