import type { ComponentType } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { createPageLoader, type OpenPageCallbacks, type PageModule, type StartTimer } from './page-loader.js';

/** A timer the test fires by hand: no clock, no waiting. */
function manualTimers() {
  const pending = new Set<() => void>();
  const startTimer: StartTimer = (run) => {
    pending.add(run);
    return () => pending.delete(run);
  };
  return {
    startTimer,
    count: () => pending.size,
    fireAll() {
      for (const run of [...pending]) {
        pending.delete(run);
        run();
      }
    },
  };
}

/** An import the test settles by hand; `never` is one that neither arrives nor fails (the offline hang). */
function deferredImport() {
  let resolve!: (module: PageModule) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<PageModule>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const Guides: ComponentType = () => null;
const Areas: ComponentType = () => null;

function callbacks() {
  const onReady = vi.fn<OpenPageCallbacks['onReady']>();
  const onFailed = vi.fn<OpenPageCallbacks['onFailed']>();
  return { onReady, onFailed };
}

describe('the page loader', () => {
  it('should report a page whose import neither arrives nor fails once the patience is over, instead of opening it for ever', async () => {
    const timers = manualTimers();
    const loader = createPageLoader({ imports: { guides: () => new Promise<PageModule>(() => {}) }, patienceMs: 8_000, startTimer: timers.startTimer });
    const screen = callbacks();
    loader.open('guides', screen);
    await Promise.resolve();
    expect(screen.onFailed).not.toHaveBeenCalled();
    timers.fireAll();
    expect(screen.onFailed).toHaveBeenCalledWith({ kind: 'stalled', afterMs: 8_000 });
    expect(screen.onReady).not.toHaveBeenCalled();
  });

  it('should start a new import on the next attempt after a stall, and show the page whichever import arrives', async () => {
    const timers = manualTimers();
    const first = deferredImport();
    const second = deferredImport();
    const imports = vi.fn().mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    const loader = createPageLoader({ imports: { guides: imports }, startTimer: timers.startTimer });
    const firstScreen = callbacks();
    loader.open('guides', firstScreen);
    timers.fireAll();
    expect(firstScreen.onFailed).toHaveBeenCalledOnce();

    const retry = callbacks();
    loader.open('guides', retry);
    expect(imports).toHaveBeenCalledTimes(2);
    // The stalled import arrives after all: the page shows, nothing waits on the second one.
    first.resolve({ Page: Guides });
    await vi.waitFor(() => expect(retry.onReady).toHaveBeenCalledWith(Guides));
    expect(loader.loaded('guides')).toBe(Guides);
    expect(timers.count()).toBe(0);
  });

  it('should show a page that arrives late on the screen that reported it stalled', async () => {
    const timers = manualTimers();
    const late = deferredImport();
    const loader = createPageLoader({ imports: { guides: () => late.promise }, startTimer: timers.startTimer });
    const screen = callbacks();
    loader.open('guides', screen);
    timers.fireAll();
    late.resolve({ Page: Guides });
    await vi.waitFor(() => expect(screen.onReady).toHaveBeenCalledWith(Guides));
  });

  it('should report a failed import and import afresh on the next attempt', async () => {
    const timers = manualTimers();
    const imports = vi.fn().mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module')).mockResolvedValueOnce({ Page: Areas });
    const loader = createPageLoader({ imports: { areas: imports }, startTimer: timers.startTimer });
    const screen = callbacks();
    loader.open('areas', screen);
    await vi.waitFor(() => expect(screen.onFailed).toHaveBeenCalledWith({ kind: 'failed', error: expect.any(TypeError) }));
    expect(timers.count()).toBe(0);

    const retry = callbacks();
    loader.open('areas', retry);
    await vi.waitFor(() => expect(retry.onReady).toHaveBeenCalledWith(Areas));
    expect(imports).toHaveBeenCalledTimes(2);
  });

  it('should call nothing after the screen moved on', async () => {
    const timers = manualTimers();
    const slow = deferredImport();
    const loader = createPageLoader({ imports: { guides: () => slow.promise }, startTimer: timers.startTimer });
    const screen = callbacks();
    const cancel = loader.open('guides', screen);
    cancel();
    expect(timers.count()).toBe(0);
    slow.resolve({ Page: Guides });
    await vi.waitFor(() => expect(loader.loaded('guides')).toBe(Guides));
    expect(screen.onReady).not.toHaveBeenCalled();
    expect(screen.onFailed).not.toHaveBeenCalled();
  });

  it('should import each page once however many screens and warm-ups ask for it', async () => {
    const timers = manualTimers();
    const guides = vi.fn().mockResolvedValue({ Page: Guides });
    const areas = vi.fn().mockResolvedValue({ Page: Areas });
    const loader = createPageLoader({ imports: { guides, areas }, startTimer: timers.startTimer });
    const screen = callbacks();
    loader.open('guides', screen);
    loader.warmUp();
    loader.warmUp();
    await vi.waitFor(() => expect(loader.loaded('areas')).toBe(Areas));
    expect(screen.onReady).toHaveBeenCalledWith(Guides);
    const again = callbacks();
    loader.open('guides', again);
    expect(again.onReady).toHaveBeenCalledWith(Guides);
    expect(guides).toHaveBeenCalledOnce();
    expect(areas).toHaveBeenCalledOnce();
  });
});
