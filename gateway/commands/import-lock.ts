/** Runs imports one at a time in this process: a plan is only valid against the state it read. */
export interface ImportLock {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export function createImportLock(): ImportLock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(work) {
      const next = tail.then(work, work);
      // A failed import must not block the next one.
      tail = next.catch(() => undefined);
      return next;
    },
  };
}
