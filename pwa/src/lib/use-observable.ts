import { useEffect, useState } from 'preact/hooks';
import type { Observable } from 'rxjs';

/**
 * The latest value of an observable; `undefined` until the first one (so a
 * page can tell "still loading" from "empty"). Resubscribes when `deps` change.
 */
export function useObservable<T>(factory: () => Observable<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    setValue(undefined);
    const sub = factory().subscribe(setValue);
    return () => sub.unsubscribe();
  }, deps);
  return value;
}
