/* eslint-disable @typescript-eslint/no-explicit-any -- each page takes its own route type; the loader holds them all and the table hands each its own route (pages/index.tsx). */
import type { ComponentType } from 'preact';

/** What a page chunk exports. */
export interface PageModule<P = any> {
  Page: ComponentType<P>;
}

export type PageImport = () => Promise<PageModule>;

/**
 * How long a page's code may take before the person is told it did not open.
 * A precached chunk arrives in well under a second even on a slow phone; an
 * import that has neither arrived nor failed by then may never do either (seen
 * offline after a reload, test/e2e/nameless-draft.test.ts, issue 12), and
 * "正在打开…" with no end leaves no way forward. The import is not abandoned:
 * if it still arrives, the page shows.
 */
export const PAGE_LOAD_PATIENCE_MS = 8_000; // 8 s

/** Starts a timer; returns the function that cancels it. Injected so tests need no clock. */
export type StartTimer = (run: () => void, ms: number) => () => void;

const startTimeout: StartTimer = (run, ms) => {
  const id = setTimeout(run, ms);
  return () => clearTimeout(id);
};

/** Why a page is not shown: its code failed to arrive, or has not arrived within the patience. */
export type PageLoadFailure = { kind: 'failed'; error: unknown } | { kind: 'stalled'; afterMs: number };

export interface OpenPageCallbacks {
  /** The page's code is there: render it (also after a failure was reported, when a slow import arrives late). */
  onReady(Page: ComponentType<any>): void;
  onFailed(failure: PageLoadFailure): void;
}

export interface PageLoader<N extends string> {
  /** The page's component when its code has arrived. */
  loaded(name: N): ComponentType<any> | undefined;
  /**
   * Loads a page for the screen: `onReady` when its code is there, `onFailed`
   * when the import fails or outlasts the patience. Returns the cancel
   * function (the screen moved on): no callback runs after it.
   */
  open(name: N, callbacks: OpenPageCallbacks): () => void;
  /** Loads every page not loaded yet, quietly (the first visit, before the service worker holds them). */
  warmUp(): void;
}

export interface PageLoaderOptions<N extends string> {
  imports: Record<N, PageImport>;
  patienceMs?: number;
  startTimer?: StartTimer;
}

/**
 * The pages' code, loaded once each. A failed or stalled import is
 * forgotten, so the next `open` (重新打开, or the network back) imports it
 * afresh.
 */
export function createPageLoader<N extends string>({ imports, patienceMs = PAGE_LOAD_PATIENCE_MS, startTimer = startTimeout }: PageLoaderOptions<N>): PageLoader<N> {
  const pages = new Map<N, ComponentType<any>>();
  const inFlight = new Map<N, Promise<ComponentType<any>>>();
  /** Screens waiting for a page: any import of it that arrives shows it (a retry must not wait for a newer one only). */
  const waiting = new Map<N, Set<(Page: ComponentType<any>) => void>>();

  function load(name: N): Promise<ComponentType<any>> {
    const known = pages.get(name);
    if (known) return Promise.resolve(known);
    const running = inFlight.get(name);
    if (running) return running;
    const pending: Promise<ComponentType<any>> = imports[name]().then(
      ({ Page }) => {
        pages.set(name, Page);
        forget(name, pending);
        for (const show of [...(waiting.get(name) ?? [])]) show(Page);
        return Page;
      },
      (error: unknown) => {
        forget(name, pending);
        throw error;
      },
    );
    inFlight.set(name, pending);
    return pending;
  }

  /** Only the import that ended is forgotten, never a newer one started after it stalled. */
  function forget(name: N, pending: Promise<ComponentType<any>>): void {
    if (inFlight.get(name) === pending) inFlight.delete(name);
  }

  return {
    loaded: (name) => pages.get(name),
    open(name, { onReady, onFailed }) {
      let live = true;
      const known = pages.get(name);
      if (known) {
        onReady(known);
        return () => {};
      }
      const show = (Page: ComponentType<any>) => {
        stop();
        onReady(Page);
      };
      const stop = () => {
        live = false;
        cancelTimer();
        screens.delete(show);
      };
      const screens = waiting.get(name) ?? new Set();
      waiting.set(name, screens);
      screens.add(show);
      const pending = load(name);
      const cancelTimer = startTimer(() => {
        if (!live || pages.has(name)) return;
        // The next attempt starts its own import instead of waiting on this one only; this one still shows the page if it arrives.
        forget(name, pending);
        onFailed({ kind: 'stalled', afterMs: patienceMs });
      }, patienceMs);
      pending.catch((error: unknown) => {
        cancelTimer();
        if (live) onFailed({ kind: 'failed', error });
      });
      return stop;
    },
    warmUp() {
      for (const name of Object.keys(imports) as N[]) if (!pages.has(name)) void load(name).catch(() => undefined);
    },
  };
}
