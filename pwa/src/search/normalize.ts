/**
 * Query and term normalisation shared by the index and the matcher: the
 * same text must look the same whichever keyboard typed it.
 */

/** Spaces, punctuation and symbols: ignored in queries and skipped in terms. */
const IGNORED = /[\s\p{P}\p{S}]/u;

/**
 * Folds one character: full-width letters and digits to ASCII (NFKC),
 * lowercase, ü to v (pinyin keyboards type v for ü). Returns '' for
 * characters a search ignores.
 */
export function foldChar(char: string): string {
  const folded = char.normalize('NFKC').toLowerCase().replace(/ü/g, 'v');
  return IGNORED.test(folded) ? '' : folded;
}

/** A query as the matcher reads it: folded, without spaces or punctuation ("Ｙｉｎｇ 业" → "ying业"). */
export function normalizeQuery(raw: string): string {
  return Array.from(raw.normalize('NFKC'), foldChar).join('');
}

/** A pinyin syllable from the gateway, folded the same way ("Lü" → "lv"). */
export function foldSyllable(syllable: string | undefined, char: string): string {
  const folded = (syllable ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ü|u:/g, 'v')
    .replace(/[^a-z0-9]/g, '');
  return folded || char;
}
