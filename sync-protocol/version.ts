/**
 * The sync protocol's version. Every request and response carries it in
 * {@link PROTOCOL_HEADER}; a peer speaking another version is refused with
 * `PROTOCOL_VERSION_UNSUPPORTED` before anything touches a store.
 *
 * Bump it only for changes an older peer would misread. Adding an optional
 * field is not such a change; renaming or re-typing one is.
 *
 * Forward compatibility: document schemas are closed (`additionalProperties:
 * false`) so a device never stores what it does not understand. A device
 * therefore drops fields its schema does not know from pulled documents
 * before storing them, and the gateway accepts only fields of its schema on
 * push. A newer gateway may add optional fields within one protocol version.
 */
export const PROTOCOL_VERSION = 1;

/** HTTP header that carries the protocol version on every exchange. */
export const PROTOCOL_HEADER = 'x-tongban-protocol';

/** Route prefix for everything that speaks this protocol version. */
export const API_PREFIX = `/v${PROTOCOL_VERSION}`;

/** True when a peer's advertised version (a header value) is the one we speak. */
export function isSupportedProtocolVersion(value: string | null | undefined): boolean {
  return value !== null && value !== undefined && value.trim() === String(PROTOCOL_VERSION);
}
