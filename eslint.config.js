import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Lint for the whole repository: typescript-eslint's recommended rules (not the
 * type-aware set: on this two-core machine it takes about three minutes on the
 * tree, against about twenty seconds without types), plus the import
 * boundaries that encode the architecture (the table in the README).
 */

const TESTS_AND_BENCH = ['test/**', 'bench/**'];

/** A relative import that climbs to the top-level folder `name` (any depth). */
const topFolder = (name) => `^(\\.\\./)+${name}(/|$)`;

/**
 * Packages sync-protocol/ may use: the contract is pure rules and schemas, so
 * validation and typing only (vitest for its own tests). Anything else, a Node
 * built-in, nano, koa, rxdb, dexie, a fetch wrapper, is I/O and belongs to a
 * runtime that imports the contract, never the other way round.
 */
const PROTOCOL_PACKAGES = ['ajv', 'ajv-formats', 'json-schema-to-ts', 'vitest'];

/**
 * The boundaries, one named rule each, so a violation names the boundary it
 * crosses (`boundaries/nano-only-in-store`). Each is core ESLint's
 * `no-restricted-imports` under its own name: flat config replaces a rule's
 * options file by file, so boundaries that overlap on a folder could not share
 * one rule name.
 */
const BOUNDARIES = {
  'protocol-does-no-io': {
    files: ['sync-protocol/**'],
    patterns: [
      {
        regex: `^(?!\\.|(${PROTOCOL_PACKAGES.join('|')})(/|$))`,
        message: `sync-protocol/ is the pure contract shared by phone and gateway: no Node built-ins and no I/O (nano, koa, rxdb, dexie, fetch wrappers); it may use only ${PROTOCOL_PACKAGES.join(', ')}.`,
      },
    ],
  },
  'nano-only-in-store': {
    files: ['**/*.{ts,tsx,js}'],
    ignores: ['gateway/store/**', ...TESTS_AND_BENCH],
    patterns: [
      {
        regex: '^(nano|express-pouchdb|pouchdb-[\\w-]+)(/|$)',
        message: 'Only gateway/store/ talks to CouchDB (nano, the embedded store): use the store interface it exports.',
      },
    ],
  },
  'rxdb-only-in-device-db': {
    files: ['**/*.{ts,tsx,js}'],
    ignores: ['pwa/src/db/**', 'pwa/src/sync/**', ...TESTS_AND_BENCH],
    patterns: [
      {
        regex: '^(rxdb|dexie)(/|$)',
        message: 'Only the device database (pwa/src/db/) and its replication (pwa/src/sync/) know RxDB and Dexie: use the data interface pwa/src/db/ exports.',
      },
    ],
  },
  'worker-not-page': {
    files: ['sw/**'],
    patterns: [
      {
        regex: topFolder('pwa'),
        message: "The service worker must not import the page's code (pwa/): what both need lives in device-core/ or sync-protocol/.",
      },
    ],
  },
  'pages-only-in-app': {
    files: ['sw/**', 'device-core/**'],
    patterns: [
      {
        regex: '(^|/)pages(/|$)',
        message: 'Pages belong to the app shell alone: the worker and the device core never import pwa/src/pages/.',
      },
    ],
  },
  'device-core-is-shared': {
    files: ['device-core/**'],
    patterns: [
      {
        regex: topFolder('(pwa|sw|gateway|province)'),
        message: 'device-core/ is shared by the page and the worker: it imports only itself and sync-protocol/, never pwa/, sw/ or the server.',
      },
    ],
  },
  'server-not-device': {
    files: ['gateway/**', 'province/**'],
    patterns: [
      {
        regex: topFolder('(pwa|sw|device-core)'),
        message: 'The gateway and the province simulator never import device code (pwa/, sw/, device-core/): what both sides need lives in sync-protocol/.',
      },
    ],
  },
  'device-not-server': {
    files: ['pwa/**', 'sw/**', 'device-core/**'],
    patterns: [
      {
        regex: topFolder('(gateway|province)'),
        message: 'Device code never imports the server (gateway/, province/): what both sides need lives in sync-protocol/.',
      },
    ],
  },
  'store-knows-no-forwarder': {
    files: ['gateway/store/**'],
    ignores: ['gateway/store/**/*.test.ts'],
    patterns: [
      {
        regex: '^\\.\\./(upstream|commands|resources|http)(/|$)',
        message: 'gateway/store/ is storage: it knows the models of gateway/domain/, never the forwarder, the commands or HTTP.',
      },
    ],
  },
  'commands-not-upstream': {
    files: ['gateway/commands/**'],
    patterns: [
      {
        regex: '^\\.\\./upstream(/|$)',
        message: 'Commands and the forwarder never import each other: what both use lives in gateway/domain/, and gateway/server.ts wires them together.',
      },
    ],
  },
  'upstream-not-commands': {
    files: ['gateway/upstream/**'],
    patterns: [
      {
        regex: '^\\.\\./commands(/|$)',
        message: 'The forwarder and the commands never import each other: what both use lives in gateway/domain/, and gateway/server.ts wires them together.',
      },
    ],
  },
};

/** Depths of sync-protocol/ sub-folders checked for imports that leave it (it has one level of sub-folders today). */
const PROTOCOL_DEPTHS = [0, 1, 2, 3];

/**
 * `boundaries/protocol-imports-only-itself`, one block per folder depth: a
 * relative import leaves sync-protocol/ once it climbs one `../` more than the
 * file is deep, which a pattern on the import text alone can only tell per depth.
 */
function protocolSelfContainedConfigs() {
  return PROTOCOL_DEPTHS.map((depth) => ({
    name: `boundaries/protocol-imports-only-itself/depth-${depth}`,
    files: [`sync-protocol/${'*/'.repeat(depth)}*.{ts,tsx,js}`],
    rules: {
      'boundaries/protocol-imports-only-itself': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./){${depth + 1}}`,
              message: 'sync-protocol/ imports nothing of ours outside itself: the gateway, the app and the worker import it, never the other way round.',
            },
          ],
        },
      ],
    },
  }));
}

function boundaryConfigs() {
  const noRestrictedImports = builtinRules.get('no-restricted-imports');
  const names = [...Object.keys(BOUNDARIES), 'protocol-imports-only-itself'];
  const plugin = { rules: Object.fromEntries(names.map((name) => [name, noRestrictedImports])) };
  return [
    { name: 'boundaries/plugin', plugins: { boundaries: plugin } },
    ...Object.entries(BOUNDARIES).map(([name, boundary]) => ({
      name: `boundaries/${name}`,
      files: boundary.files,
      ...(boundary.ignores ? { ignores: boundary.ignores } : {}),
      rules: { [`boundaries/${name}`]: ['error', { patterns: boundary.patterns }] },
    })),
    ...protocolSelfContainedConfigs(),
    {
      name: 'boundaries/protocol-no-io-globals',
      files: ['sync-protocol/**'],
      rules: {
        'no-restricted-globals': [
          'error',
          ...['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'indexedDB', 'localStorage', 'sessionStorage', 'caches', 'process'].map((name) => ({
            name,
            message: 'sync-protocol/ does no I/O and reads no environment: the runtime that calls it passes what it needs.',
          })),
        ],
      },
    },
  ];
}

export default defineConfig(
  {
    name: 'tongban/ignores',
    ignores: ['dist/**', 'coverage/**', 'test-results/**', '.data/**', '.screenshots/**', '.scratch/**', 'node_modules/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'tongban/globals',
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.serviceworker } },
  },
  {
    name: 'tongban/rules',
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          // `const { _rev, ...rest } = doc` is how a field is dropped; `_name` marks a parameter kept for its position.
          ignoreRestSiblings: true,
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
  ...boundaryConfigs(),
);
