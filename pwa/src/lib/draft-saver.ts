import type { FormValues } from '../model/application-form.js';

/** How long typing must pause before a draft is written: often enough that nothing is lost, rarely enough not to churn IndexedDB. */
export const DRAFT_SAVE_DELAY_MS = 400;

export interface DraftSaverOptions<V = FormValues> {
  /** The draft's id when continuing one; null for a new application. */
  id: string | null;
  /** Writes the values (creating the draft when `id` is null); answers the draft's id, or null when nothing could be saved yet. */
  save(id: string | null, values: V): Promise<string | null>;
  delayMs?: number;
}

/**
 * Saves a form as a draft a moment after each change. Writes run one after
 * another, so the first one creates the draft and every later one updates it,
 * and the last values typed are the last written.
 */
export class DraftSaver<V = FormValues> {
  private id: string | null;
  private pending: V | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private readonly delayMs: number;

  constructor(private readonly options: DraftSaverOptions<V>) {
    this.id = options.id;
    this.delayMs = options.delayMs ?? DRAFT_SAVE_DELAY_MS;
  }

  /** Notes new values; they are written after the pause. */
  schedule(values: V): void {
    this.pending = values;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Writes what is pending now (page hidden, leaving, submitting); answers the draft's id once everything queued is written, or rejects when the last write failed. */
  flush(): Promise<string | null> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const values = this.pending;
    this.pending = null;
    if (values) {
      this.queue = this.queue
        .then(() => this.options.save(this.id, values))
        .then((id) => {
          if (id) this.id = id;
          this.failure = null;
        })
        .catch((error: unknown) => {
          // Kept, not thrown: the next write still runs; whoever waits on flush() hears of it.
          this.failure = error;
          console.error('saving the draft failed', error);
        });
    }
    return this.queue.then(() => {
      if (this.failure) throw this.failure;
      return this.id;
    });
  }
}
