import { pinyin } from 'pinyin-pro';
import type { SearchTerm } from '../../../sync-protocol/index.js';

/**
 * Search terms as the gateway publishes them, for tests only (pinyin-pro
 * never ships to the device): one toneless syllable per character.
 */
export function termOf(text: string): SearchTerm {
  return { text, syllables: pinyin(text, { toneType: 'none', type: 'array', nonZh: 'spaced', v: true }) };
}
