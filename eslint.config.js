import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'dev-dist/**', 'test-results/**', 'bench/out/**', 'data/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, __APP_BUILD_ID__: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/multi-word-component-names': 'error',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    // src/shared runs on both sides: no DOM-only libraries, no Node built-ins, no Dexie, no Vue.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'dexie', 'vue', 'pinia', 'hono', 'pg', 'better-sqlite3'] }],
    },
  },
  {
    // Only src/client/db talks to IndexedDB.
    files: ['src/client/**/*.{ts,vue}'],
    ignores: ['src/client/db/**'],
    rules: { 'no-restricted-imports': ['error', { paths: ['dexie'] }] },
  },
)
