import { pinyin } from 'pinyin-pro';
import type { GuideInput, SearchTerm } from '../../sync-protocol/index.js';

/**
 * Pinyin syllable of each character of `text`, so a device can match 汉字,
 * full pinyin and initials character by character without a dictionary.
 * Syllables come from the whole text (pinyin-pro reads polyphones in context:
 * 银行 → yin hang), toneless, lowercase, ü as v. A character that is not
 * Chinese stands for itself, lowercased; spaces and punctuation stay as they are.
 */
export function syllablesOf(text: string): string[] {
  const chars = Array.from(text);
  const read = pinyin(text, { toneType: 'none', type: 'all', v: true });
  // pinyin-pro walks UTF-16 units; a character outside the BMP would shift the
  // alignment, so such text is read character by character instead.
  const aligned = read.length === chars.length && read.every((item, i) => item.origin === chars[i]);
  if (aligned) return read.map((item, i) => (item.isZh && item.pinyin ? item.pinyin.toLowerCase() : chars[i].toLowerCase()));
  return chars.map((char) => {
    const [item] = pinyin(char, { toneType: 'none', type: 'all', v: true });
    return item?.isZh && item.pinyin ? item.pinyin.toLowerCase() : char.toLowerCase();
  });
}

/**
 * The search terms of a guide: its name, each keyword, its department, each
 * material's name and each life event, in that order, each text once.
 */
export function searchTermsOf(guide: GuideInput): { terms: SearchTerm[] } {
  const texts = [guide.name, ...(guide.keywords ?? []), guide.department, ...guide.materials.map((m) => m.name), ...(guide.lifeEvents ?? [])];
  const unique = [...new Set(texts.filter((text) => text.trim() !== ''))];
  return { terms: unique.map((text) => ({ text, syllables: syllablesOf(text) })) };
}
