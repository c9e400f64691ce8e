import { useState } from 'preact/hooks';
import { AreaPicker } from '../../components/area-picker/index.js';
import { useApp } from '../../lib/app-context.js';
import { hrefOf } from '../../lib/routes.js';
import { useObservable } from '../../lib/use-observable.js';
import { MAX_AREAS } from '../../state/preferences-store.js';
import page from '../page.module.css';
import styles from './areas.module.css';

/** 我的地区: the areas whose guides this phone keeps; an agent may keep several. */
export function Page() {
  const { data, state, actions } = useApp();
  const areas = useObservable(() => data.areas$, [data]) ?? [];
  const chosen = state.areas.value;
  const [adding, setAdding] = useState(chosen.length === 0);
  // Removing deletes that area's guides from the phone: asked once more, in words.
  const [removing, setRemoving] = useState<string | null>(null);
  const nameOf = (code: string) => areas.find((a) => a.code === code)?.fullName ?? code;

  const pick = (code: string) => {
    actions.chooseArea(code);
    setAdding(false);
    actions.navigate({ name: 'guides' });
  };

  return (
    <div class={page.page}>
      <h1 class={page.heading}>我的地区</h1>
      <p class={page.lead}>手机上存着这些地方的办事指南，没网也能看。代办员可以多选几个地方。</p>
      <ul class={styles.list}>
        {chosen.map((code) => (
          <li key={code} class={`${page.card} ${styles.item}`} data-testid="chosen-area" data-code={code}>
            <span class={styles.name}>{nameOf(code)}</span>
            {removing === code ? (
              <span class={styles.confirm}>
                <span>这个地方的指南会从手机上删掉，要联网才能再下载。</span>
                <button
                  type="button"
                  class={`${styles.remove} ${styles.danger}`}
                  data-testid="area-remove-confirm"
                  onClick={() => {
                    actions.removeArea(code);
                    setRemoving(null);
                  }}
                >
                  确定移除
                </button>
                <button type="button" class={styles.remove} onClick={() => setRemoving(null)}>
                  不移除
                </button>
              </span>
            ) : (
              <button type="button" class={styles.remove} data-testid="area-remove" onClick={() => setRemoving(code)}>
                移除
              </button>
            )}
          </li>
        ))}
      </ul>
      {adding ? (
        areas.length > 0 ? (
          <AreaPicker areas={areas} chosen={chosen} onPick={pick} />
        ) : (
          <p class={page.empty}>还没有地区列表。请连上网络后再试。</p>
        )
      ) : (
        <div class={styles.buttons}>
          {chosen.length < MAX_AREAS && (
            <button type="button" class={page.secondary} data-testid="area-add" onClick={() => setAdding(true)}>
              再加一个地区
            </button>
          )}
          <a class={page.primary} href={hrefOf({ name: 'guides' })}>
            看办事指南
          </a>
        </div>
      )}
    </div>
  );
}
