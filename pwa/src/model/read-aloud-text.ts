import type { GuideDoc } from '../../../sync-protocol/index.js';
import { describeForms, describeTimeLimit } from './guide-text.js';

/**
 * What 朗读 says about a guide: its name, what to bring, how long, how much
 * and where, in short sentences a speech engine reads well.
 */
export function readAloudText(guide: Pick<GuideDoc, 'name' | 'materials' | 'timeLimit' | 'fee' | 'place' | 'hours' | 'phone'>): string {
  const parts = [`${guide.name}。`];
  const needed = guide.materials.filter((m) => m.required);
  if (needed.length > 0) {
    parts.push(`要带${needed.length}样材料：`);
    needed.forEach((m, i) => parts.push(`第${i + 1}，${m.name}，${describeForms(m)}${m.waivable ? '，可以容缺' : ''}。`));
  }
  parts.push(`办理时间：承诺${describeTimeLimit(guide.timeLimit.promisedDays)}。`);
  parts.push(`收费：${guide.fee}。`);
  if (guide.place) parts.push(`办理地点：${guide.place}。`);
  if (guide.hours) parts.push(`办公时间：${guide.hours}。`);
  if (guide.phone) parts.push(`咨询电话：${guide.phone.split('').join(' ')}。`);
  return parts.join('');
}

/** The voice to read Chinese with: zh-CN first, then any Chinese voice; null when there is none. */
export function pickChineseVoice<V extends { lang: string }>(voices: readonly V[]): V | null {
  const lang = (v: V) => v.lang.replace('_', '-').toLowerCase();
  return voices.find((v) => lang(v) === 'zh-cn') ?? voices.find((v) => lang(v).startsWith('zh')) ?? null;
}
