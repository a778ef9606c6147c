import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'

// Layers (docs/architecture in README "What lives where"): src/shared is imported by both sides and imports
// neither; the phone (src/client) and the server (src/server) never import each other.
const NODE_AND_PLATFORM = ['node:*', 'fs', 'path', 'os', 'crypto', 'dexie', 'vue', 'pinia', 'vue-router', 'hono', 'hono/*',
  '@hono/*', 'pg', 'better-sqlite3', 'docx', 'workbox-window']
const CLIENT_PATHS = ['**/client/**', '@client/*', '@client/**']
const SERVER_PATHS = ['**/server/**']
const layer = (message, group) => ({ group, message })

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'dev-dist/**', 'test-results/**', 'bench/out/**', 'data/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node, __APP_BUILD_ID__: 'readonly' },
      parserOptions: {
        parser: tseslint.parser,
        projectService: false,
        project: ['./tsconfig.shared.json', './tsconfig.app.json', './tsconfig.server.json', './tsconfig.tools.json', './bench/peers/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A promise nobody awaits loses its error: await it, or mark a deliberate fire-and-forget with `void`.
      '@typescript-eslint/no-floating-promises': 'error',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/multi-word-component-names': 'error',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    // Config files outside the four projects: no type information.
    files: ['eslint.config.js', '**/*.mjs', '**/*.cjs', 'public/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // src/shared runs on both sides: no DOM, no Node, no platform library, nothing from the phone or the server.
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        layer('src/shared runs on the phone and the server: no platform libraries here', NODE_AND_PLATFORM),
        layer('src/shared must not import from src/client', CLIENT_PATHS),
        layer('src/shared must not import from src/server', SERVER_PATHS),
      ] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'indexedDB', 'process',
        'Buffer', 'global', '__dirname', 'require'],
    },
  },
  {
    // The phone never imports server code. A type-only import is allowed (erased at build time): the typed client
    // in src/client/sync/http.ts takes the server's route types (`import type { AppType }`), as Hono's RPC does.
    files: ['src/client/**/*.{ts,vue}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'dexie', message: 'Only src/client/db talks to IndexedDB' }],
        patterns: [
          { ...layer('the phone must not import from src/server (types only)', SERVER_PATHS), allowTypeImports: true },
          layer('the phone has no Node built-ins', ['node:*']),
        ],
      }],
      'no-restricted-globals': ['error', 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    files: ['src/client/db/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        { ...layer('the phone must not import from src/server (types only)', SERVER_PATHS), allowTypeImports: true },
        layer('the phone has no Node built-ins', ['node:*']),
      ] }],
    },
  },
  {
    // What the first screen loads must not import the src/client/db barrel: every module it re-exports (backup,
    // photos, …) would then land in the first download. Import the one module you need instead.
    files: ['src/client/main.ts', 'src/client/App.vue', 'src/client/router/**/*.ts', 'src/client/stores/**/*.ts',
      'src/client/composables/**/*.ts', 'src/client/pwa/**/*.ts', 'src/client/pages/HomePage.vue',
      'src/client/components/{home,layout,pwa,common}/**/*.vue', 'src/client/report/trackingSince.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [
          { name: 'dexie', message: 'Only src/client/db talks to IndexedDB' },
          { name: '@client/db', message: 'First-screen code imports the db module it needs (@client/db/<module>), not the barrel', allowTypeImports: true },
        ],
        patterns: [
          { ...layer('the phone must not import from src/server (types only)', SERVER_PATHS), allowTypeImports: true },
          layer('the phone has no Node built-ins', ['node:*']),
        ],
      }],
    },
  },
  {
    // The server never imports phone code.
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        layer('the server must not import from src/client', CLIENT_PATHS),
        layer('the server has no DOM or IndexedDB libraries', ['dexie', 'vue', 'pinia', 'vue-router', 'workbox-window']),
      ] }],
    },
  },
)
