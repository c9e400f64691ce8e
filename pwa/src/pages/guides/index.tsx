import { useMemo } from 'preact/hooks';
import type { AreaDoc, GuideDoc } from '../../../../sync-protocol/index.js';
import { AreaPicker } from '../../components/area-picker/index.js';
import { useApp } from '../../lib/app-context.js';
import { hrefOf } from '../../lib/routes.js';
import { useObservable } from '../../lib/use-observable.js';
import { browseGuides, categoriesOf, splitHighlight, type BrowseResult } from '../../model/browse-guides.js';
import { describeTimeLimit } from '../../model/guide-text.js';
import { buildSearchIndex } from '../../search/index.js';
import type { BrowseState } from '../../state/app-state.js';
import page from '../page.module.css';
import styles from './guides.module.css';

const AUDIENCES: { value: BrowseState['audience']; label: string }[] = [
  { value: '', label: '全部' },
  { value: '个人', label: '个人办事' },
  { value: '法人', label: '企业办事' },
];

/** The service guides of the chosen areas, readable and searchable offline. */
export function Page() {
  const { data, state } = useApp();
  const areas = useObservable(() => data.areas$, [data]);
  if (state.areas.value.length === 0) return <FirstAreaChoice areas={areas} />;
  return <GuideList areas={areas ?? []} />;
}

/** First use: pick where you live before anything else. */
function FirstAreaChoice({ areas }: { areas: AreaDoc[] | undefined }) {
  const { state, actions } = useApp();
  return (
    <div class={page.page}>
      <h1 class={page.heading}>先选您所在的地方</h1>
      <p class={page.lead}>选好以后，这个地方的办事指南会存到手机上，没有网络也能看。</p>
      {areas === undefined || areas.length === 0 ? (
        <p class={page.empty} data-testid="areas-empty">
          {state.connection.value === 'offline' ? '还没有地区列表。请连上网络，打开本页后会自动下载。' : '正在下载地区列表，请稍等…'}
        </p>
      ) : (
        <AreaPicker areas={areas} onPick={actions.chooseArea} />
      )}
    </div>
  );
}

function GuideList({ areas }: { areas: AreaDoc[] }) {
  const { data, state } = useApp();
  const guides = useObservable(() => data.guides$, [data]);
  const saved = useObservable(() => data.savedGuides$, [data]) ?? [];
  const index = useMemo(() => buildSearchIndex(guides ?? []), [guides]);
  const categories = useMemo(() => categoriesOf(guides ?? []), [guides]);
  const browse = state.browse.value;
  const results = useMemo(() => browseGuides(guides ?? [], index, browse), [guides, index, browse]);
  const set = (change: Partial<BrowseState>) => (state.browse.value = { ...browse, ...change });
  // Names only once the areas are read: a bare code means nothing to anyone.
  const names = state.areas.value.flatMap((code) => areas.find((a) => a.code === code)?.fullName ?? []);
  const searching = browse.query.trim() !== '';

  return (
    <div class={page.page}>
      <a class={styles.areaBar} href={hrefOf({ name: 'areas' })} data-testid="area-bar">
        <span class={styles.areaName}>{names.length ? names.join('、') : '我的地区'}</span>
        <span class={styles.change}>更换地区</span>
      </a>
      <h1 class={page.heading}>办事指南</h1>
      <input
        class={styles.search}
        type="search"
        enterKeyHint="search"
        placeholder="搜：营业执照、低保、拼音"
        aria-label="搜索办事指南（可以打汉字、拼音或首字母）"
        value={browse.query}
        onInput={(e) => set({ query: e.currentTarget.value })}
        data-testid="search-input"
      />
      <div class={styles.audience} role="group" aria-label="谁来办" data-testid="audience-filter">
        {AUDIENCES.map((a) => (
          <button key={a.value} type="button" aria-pressed={browse.audience === a.value} data-value={a.value} onClick={() => set({ audience: a.value })}>
            {a.label}
          </button>
        ))}
      </div>
      <select class={styles.category} value={browse.category} aria-label="分类" onChange={(e) => set({ category: e.currentTarget.value })} data-testid="category-filter">
        <option value="">全部分类</option>
        <optgroup label="按生活中的事">
          {categories.lifeEvents.map((e) => (
            <option key={e} value={`event:${e}`}>
              {e}
            </option>
          ))}
        </optgroup>
        <optgroup label="按部门">
          {categories.departments.map((d) => (
            <option key={d} value={`dept:${d}`}>
              {d}
            </option>
          ))}
        </optgroup>
      </select>

      {!searching && !browse.category && !browse.audience && saved.length > 0 && (
        <section class={styles.saved} data-testid="saved-guides">
          <h2 class={styles.savedTitle}>我收藏的</h2>
          {saved.map((s) => (
            <a key={s.id} href={hrefOf({ name: 'guide', id: s.id })} class={styles.savedItem} data-testid="saved-guide">
              {s.guideName}
            </a>
          ))}
        </section>
      )}

      {guides === undefined && <p class={page.empty}>正在打开…</p>}
      {guides?.length === 0 && (
        <p class={page.empty} data-testid="guides-empty">
          {state.connection.value === 'offline' ? '手机上还没有这个地区的办事指南。请连上网络，打开本页后会自动下载，以后没网也能看。' : '正在下载办事指南，请稍等…'}
        </p>
      )}
      {guides && guides.length > 0 && results.length === 0 && (
        <p class={page.empty} data-testid="search-empty">
          没有找到。可以换个说法试试，比如打“执照”或者拼音首字母。
        </p>
      )}
      {searching && results.length > 0 && (
        <p class={styles.count} data-testid="result-count">
          找到 {results.length} 项
        </p>
      )}
      <ul class={styles.list}>
        {results.map((result) => (
          <GuideCard key={result.guide.id} result={result} searching={searching} />
        ))}
      </ul>
    </div>
  );
}

function GuideCard({ result, searching }: { result: BrowseResult; searching: boolean }) {
  const { guide, hit } = result;
  return (
    <li>
      <a class={`${page.card} ${styles.item}`} href={hrefOf({ name: 'guide', id: guide.id })} data-testid={searching ? 'search-result' : 'guide-item'} data-guide-id={guide.id}>
        <span class={styles.name}>{hit?.field === 'name' ? <Highlighted text={guide.name} start={hit.start} end={hit.end} /> : guide.name}</span>
        {hit && hit.field !== 'name' && (
          <span class={styles.matched} data-testid="search-match">
            搜到：
            <Highlighted text={hit.term} start={hit.start} end={hit.end} />
          </span>
        )}
        <span class={styles.meta}>{guide.department}</span>
        <span class={styles.facts}>
          <span>
            要多久：<b>{describeTimeLimit(guide.timeLimit.promisedDays)}</b>
          </span>
          <span>
            收费：<b>{shortFee(guide)}</b>
          </span>
        </span>
      </a>
    </li>
  );
}

function Highlighted({ text, start, end }: { text: string; start: number; end: number }) {
  const [before, match, after] = splitHighlight(text, start, end);
  return (
    <>
      {before}
      <mark class={styles.mark}>{match}</mark>
      {after}
    </>
  );
}

/** The fee's first clause: the card has room for "不收费", not for the whole rule. */
function shortFee(guide: GuideDoc): string {
  const first = guide.fee.split(/[；;。（(]/)[0];
  return first.length > 16 ? `${first.slice(0, 15)}…` : first;
}
