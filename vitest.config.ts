import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath } from 'node:url'

export default defineConfig({
  resolve: {
    alias: {
      '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)),
      '@client': fileURLToPath(new URL('./src/client', import.meta.url)),
    },
  },
  define: { __APP_BUILD_ID__: JSON.stringify('test') },
  plugins: [vue()],
  test: {
    include: ['tests/tooling/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/components/**/*.test.ts', 'tests/server/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['fake-indexeddb/auto'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Test files run in separate forks; each fork gets its own fake IndexedDB.
    pool: 'forks',
  },
})
