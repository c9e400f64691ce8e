/** Where a raw HTTP request to CouchDB goes, with the URL's credentials moved into a header. */
export interface CouchRequestTarget {
  /** The URL without credentials and without a trailing slash; safe to log. */
  origin: string;
  /** `Authorization: Basic …` when the URL carried credentials; otherwise empty. */
  headers: Record<string, string>;
}

/**
 * Splits a CouchDB URL such as `http://admin:secret@couch:5984` into a URL
 * without credentials and an Authorization header. Node's `fetch` refuses a
 * URL with `user:pass@` (nano does this split itself), so every raw request
 * to CouchDB goes through here.
 */
export function couchRequestTarget(url: string): CouchRequestTarget {
  const parsed = new URL(url);
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  const origin = parsed.toString().replace(/\/+$/, '');
  if (!user && !password) return { origin, headers: {} };
  return { origin, headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } };
}
