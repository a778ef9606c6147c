// Shared pieces of the benchmarks: Chromium, a static server for the built app, percentiles.
import { chromium, type Browser } from 'playwright-core'
import { startSwappableServer, type SwappableServer } from '../tests/e2e/support/staticServer'
import { CHROMIUM_ARGS } from '../tests/e2e/support/app'
import { BranchLogDb } from '../src/client/db/schema'

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
}

export async function serveDirectory(dir: string): Promise<SwappableServer> {
  return startSwappableServer(dir)
}

/**
 * Vite `resolve.dedupe` for bench pages that use the app's Dexie: bench/node_modules (the peers' packages) holds
 * another copy for RxDB, which a page under bench/ would otherwise pick up.
 */
export const APP_PACKAGES = ['dexie']

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index] ?? NaN
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`
}

export interface BenchLine {
  name: string
  value: string
  target?: string
  pass?: boolean
}

/** An index of the app's `activities` store, for the floors' raw IndexedDB stores. */
export interface FloorIndex { name: string; keyPath: string; multiEntry: boolean }

/**
 * The indexes of the app's `activities` store as its Dexie schema (src/client/db/schema.ts, latest version)
 * declares them: a floor's store maintains exactly what ours does, whatever version the schema is at.
 */
export function activityFloorIndexes(): FloorIndex[] {
  const schema = new BranchLogDb('bench-schema-probe').activities.schema
  return schema.indexes.map((i) => ({ name: i.name, keyPath: String(i.keyPath), multiEntry: i.multi === true }))
}
