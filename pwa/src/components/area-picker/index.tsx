import { useState } from 'preact/hooks';
import type { AreaDoc, AreaLevel } from '../../../../sync-protocol/index.js';
import styles from './area-picker.module.css';

const QUESTION: Record<AreaLevel, string> = {
  province: '您在哪个省？',
  city: '在哪个市？',
  county: '在哪个县（区）？',
  township: '在哪个乡镇（街道）？',
};
const BELOW: Record<AreaLevel, string> = { province: '市', city: '县', county: '乡镇', township: '' };

export interface AreaPickerProps {
  areas: AreaDoc[];
  /** Called with the area the person settled on. */
  onPick(code: string): void;
  /** Areas already chosen: shown, but not offered again. */
  chosen?: string[];
}

/**
 * Province → city → county → township, one big button per area. A county
 * (or city) can be taken as it is: a villager may not know their
 * township's official name.
 */
export function AreaPicker({ areas, onPick, chosen = [] }: AreaPickerProps) {
  const [path, setPath] = useState<AreaDoc[]>([]);
  const current = path.at(-1);
  const options = areas.filter((a) => (current ? a.parentCode === current.code : a.level === 'province' || !a.parentCode)).sort((a, b) => a.code.localeCompare(b.code));
  const level: AreaLevel = options[0]?.level ?? 'township';

  const tap = (area: AreaDoc) => {
    if (areas.some((a) => a.parentCode === area.code)) setPath([...path, area]);
    else onPick(area.code);
  };

  return (
    <div class={styles.picker} data-testid="area-picker">
      {path.length > 0 && (
        <div class={styles.trail}>
          <button type="button" class={styles.back} data-testid="area-back" onClick={() => setPath(path.slice(0, -1))}>
            ‹ 上一级
          </button>
          <span class={styles.path}>{path.map((a) => a.name).join(' › ')}</span>
        </div>
      )}
      <h2 class={styles.question}>{QUESTION[level]}</h2>
      <ul class={styles.options}>
        {options.map((area) => (
          <li key={area.code}>
            <button type="button" class={styles.option} data-testid="area-option" data-code={area.code} disabled={chosen.includes(area.code)} onClick={() => tap(area)}>
              {area.name}
              {chosen.includes(area.code) && <small>（已选）</small>}
            </button>
          </li>
        ))}
      </ul>
      {current && current.level !== 'province' && (
        <button type="button" class={styles.confirm} data-testid="area-confirm" disabled={chosen.includes(current.code)} onClick={() => onPick(current.code)}>
          不知道在哪个{BELOW[current.level]}？就选{current.name}
        </button>
      )}
    </div>
  );
}
