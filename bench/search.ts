/**
 * `npm run bench:search`: the offline guide search on 2,000 guides, against a
 * naive scan. Guides are made by varying the bundled catalogue (names,
 * departments, keywords), with search terms computed by the gateway's own
 * function, as devices receive them. Not part of `npm test`.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { searchTermsOf } from '../gateway/commands/search-terms.js';
import { buildSearchIndex, normalizeQuery, type SearchableGuide } from '../pwa/src/search/index.js';
import type { GuideInput, SearchTerm } from '../sync-protocol/index.js';

const GUIDE_COUNT = 2_000;
const RUNS = 200;
const WARM_UP = 20;
const TARGET_P95_MS = 20;

const SUBJECTS = [
  '个体工商户',
  '企业',
  '食品经营',
  '医疗保险',
  '养老保险',
  '烟草零售',
  '林木采伐',
  '宅基地',
  '残疾人证',
  '住房公积金',
  '户口',
  '居民身份证',
  '最低生活保障',
  '高龄津贴',
  '农机购置',
  '耕地地力',
  '道路货运',
  '公共场所卫生',
  '生育',
  '出生',
];
const ACTIONS = ['设立登记', '变更登记', '注销登记', '许可', '备案', '补贴申领', '待遇认证', '换领', '审核确认', '迁移', '首次登记', '提取'];
const COUNTIES = [
  '遂昌县',
  '松阳县',
  '莲都区',
  '青田县',
  '缙云县',
  '云和县',
  '庆元县',
  '景宁畲族自治县',
  '龙泉市',
  '开化县',
  '常山县',
  '江山市',
  '淳安县',
  '建德市',
  '桐庐县',
  '安吉县',
  '德清县',
  '长兴县',
  '天台县',
  '仙居县',
];
const DEPARTMENTS = ['市场监督管理局', '人力资源和社会保障局', '医疗保障局', '民政局', '公安局', '农业农村局', '林业局', '卫生健康局', '交通运输局', '税务局'];

const QUERIES: { query: string; kind: string }[] = [
  { query: '营业执照', kind: '汉字' },
  { query: '个体工商户', kind: '汉字' },
  { query: '低保', kind: '汉字' },
  { query: 'yingye', kind: '全拼' },
  { query: 'gongjijin', kind: '全拼' },
  { query: 'yyzz', kind: '首字母' },
  { query: 'gtgsh', kind: '首字母' },
  { query: '营业zz', kind: '混合' },
  { query: 'ying业', kind: '混合' },
  { query: 'Ｙｉｎｇ Ｙｅ', kind: '全角+空格' },
  { query: 'y', kind: '单字母' },
  { query: 'xyzq', kind: '无结果' },
  { query: '飞机场', kind: '无结果' },
];

/** A small deterministic generator, so every run searches the same guides. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function generateGuides(): SearchableGuide[] {
  const catalogue = (JSON.parse(readFileSync(new URL('../gateway/seed/catalogue/guides.json', import.meta.url), 'utf8')) as { guides: GuideInput[] }).guides;
  const next = random(20261126);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const guides: SearchableGuide[] = [];
  for (let i = 0; i < GUIDE_COUNT; i += 1) {
    const base = catalogue[i % catalogue.length];
    const county = pick(COUNTIES);
    // Every tenth guide keeps its catalogue name, so real names are among the 2,000.
    const name = i % 10 === 0 ? base.name : `${pick(SUBJECTS)}${pick(ACTIONS)}`;
    const input: GuideInput = {
      ...base,
      id: `bench-${i}`,
      name,
      department: `${county}${pick(DEPARTMENTS)}`,
      keywords: [...(base.keywords ?? []), pick(SUBJECTS)].slice(0, 20),
    };
    guides.push({ ...input, search: searchTermsOf(input) });
  }
  return guides;
}

/**
 * The baseline: no index; per query, every term's pinyin is joined into a
 * full-pinyin string and an initials string and scanned with indexOf. (It
 * cannot match mixed queries such as 营业zz at all.)
 */
function naiveSearch(guides: readonly SearchableGuide[], raw: string): string[] {
  const query = normalizeQuery(raw);
  if (!query) return [];
  const found: string[] = [];
  for (const guide of guides) {
    const terms: SearchTerm[] = guide.search?.terms ?? [];
    const hit = terms.some((term) => {
      const full = term.syllables.join('').toLowerCase();
      const initials = term.syllables
        .map((s) => s[0] ?? '')
        .join('')
        .toLowerCase();
      return term.text.indexOf(query) >= 0 || full.indexOf(query) >= 0 || initials.indexOf(query) >= 0;
    });
    if (hit) found.push(guide.id);
  }
  return found;
}

function time(run: () => unknown): { p50: number; p95: number } {
  for (let i = 0; i < WARM_UP; i += 1) run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(RUNS * 0.5)], p95: samples[Math.floor(RUNS * 0.95)] };
}

const ms = (value: number) => value.toFixed(2).padStart(8);
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].reduce((w, c) => w + (c.charCodeAt(0) > 0xff ? 2 : 1), 0)));

const generateStart = performance.now();
const guides = generateGuides();
const termCount = guides.reduce((sum, g) => sum + (g.search?.terms.length ?? 0), 0);
console.log(`${guides.length} guides, ${termCount} search terms (generated with the gateway's pinyin in ${(performance.now() - generateStart).toFixed(0)} ms)`);
const buildStart = performance.now();
const index = buildSearchIndex(guides);
console.log(`index built in ${(performance.now() - buildStart).toFixed(1)} ms; ${RUNS} runs per query after ${WARM_UP} warm-up runs\n`);

console.log(
  `${pad('query', 14)}${pad('kind', 12)}${'hits'.padStart(6)}${'naive'.padStart(7)} │${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)} │ naive${'p50'.padStart(5)}${'p95'.padStart(8)}`,
);
console.log('─'.repeat(84));
// Each side timed on its own, so one's garbage is not collected during the other's runs.
const indexed = QUERIES.map(({ query }) => time(() => index.search(query)));
const naive = QUERIES.map(({ query }) => time(() => naiveSearch(guides, query)));
let worst = 0;
for (const [i, { query, kind }] of QUERIES.entries()) {
  const hits = index.search(query).length;
  const naiveHits = naiveSearch(guides, query).length;
  worst = Math.max(worst, indexed[i].p95);
  console.log(
    `${pad(query, 14)}${pad(kind, 12)}${String(hits).padStart(6)}${String(naiveHits).padStart(7)} │${ms(indexed[i].p50)}${ms(indexed[i].p95)} │ ${ms(naive[i].p50)}${ms(naive[i].p95)}`,
  );
}
console.log('─'.repeat(84));
const ok = worst <= TARGET_P95_MS;
console.log(`worst p95 of the index: ${worst.toFixed(2)} ms (target ≤ ${TARGET_P95_MS} ms): ${ok ? 'OK' : 'TOO SLOW'}`);
process.exitCode = ok ? 0 : 1;
