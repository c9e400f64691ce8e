import type { SearchTerm } from '../../../sync-protocol/index.js';
import { foldChar, foldSyllable } from './normalize.js';

/**
 * A search term ready for matching: only the characters a search looks at
 * (punctuation and spaces dropped), each with its pinyin syllable and its
 * position in the original text (for highlighting).
 */
export interface CompiledTerm {
  text: string;
  /** Folded characters: a 汉字, or a lowercase letter or digit. */
  chars: string[];
  /** Toneless pinyin of each char; a letter or digit stands for itself. */
  syllables: string[];
  /** Index of each char among the code points of `text`. */
  offsets: number[];
}

/**
 * Compiles a term of the gateway. A term without syllables (an older guide)
 * still matches by its characters; a syllable list of the wrong length is
 * not trusted at all, so a bad term can never shift pinyin onto the wrong
 * character.
 */
export function compileTerm(term: SearchTerm): CompiledTerm {
  const codePoints = Array.from(term.text);
  const trusted = term.syllables.length === codePoints.length;
  const compiled: CompiledTerm = { text: term.text, chars: [], syllables: [], offsets: [] };
  codePoints.forEach((raw, index) => {
    const char = foldChar(raw);
    if (!char) return;
    compiled.chars.push(char);
    compiled.syllables.push(foldSyllable(trusted ? term.syllables[index] : undefined, char));
    compiled.offsets.push(index);
  });
  return compiled;
}
