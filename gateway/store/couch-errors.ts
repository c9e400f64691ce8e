import { Problem } from '../problem.js';

/** HTTP status of a nano error, if the server answered at all. */
export function couchStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Runs a CouchDB call; when the server cannot be reached (no HTTP answer, or
 * 503) the error becomes STORE_UNAVAILABLE. Other errors pass through.
 */
export async function guardCouch<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const status = couchStatus(error);
    if (status === undefined || status === 503) throw new Problem('STORE_UNAVAILABLE', { cause: error });
    throw error;
  }
}

/** Removes credentials from a URL, for logs and messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^/@\s]*@/g, '//***@');
}
