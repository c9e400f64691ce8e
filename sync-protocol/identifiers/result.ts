/** The answer of an identifier check: fine, or why not in words a person understands. */
export type IdentifierCheck = { ok: true } | { ok: false; reason: string };

export const OK: IdentifierCheck = { ok: true };

export function fail(reason: string): IdentifierCheck {
  return { ok: false, reason };
}
