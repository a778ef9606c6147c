// Initial sync of 10,000 activity records into a fresh browser, side by side in one run with
//   (a) PouchDB replicating the same 10,000 documents from a CouchDB-protocol server (express-pouchdb),
//   (b) RxDB 17 (free Dexie/IndexedDB storage, HTTP replication) and Replicache 15, each pulling the same records
//       from bench/syncPeerServer.ts over its own protocol, then doing the same single save-to-visible, and
//   (c) the floor: the same rows written by one raw IndexedDB transaction into a store shaped like ours.
// The peers are bench-only packages in bench/package.json (installed here by `npm --prefix bench ci` when missing).
//
// Ours is the real thing end to end: the server is `src/server/main.ts` in its own process over its embedded
// SQLite, seeded through the real push API; the page it serves runs the app's own `syncOnce` (engine.ts →
// db/sync.ts → Dexie), after signing in through the app's own signIn (untimed: a first sync always follows a sign-in). Each run gets a new Chromium profile on
// disk (a fresh browser: no IndexedDB, no HTTP cache), so IndexedDB is disk-backed as on a phone, not the
// in-memory storage of an incognito context.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { build } from 'vite'
import { CHROMIUM_ARGS } from '../tests/e2e/support/app'
import { MAX_PULL_LIMIT, PROTOCOL_VERSION, type PullPage } from '../src/shared/sync/protocol'
import { createSignedInBranch, pushRecords, sqliteStorage, startBenchServer, syntheticActivities } from './serverProcess'
import { startPouchServer } from './syncPouchServer'
import { startPeerServer } from './syncPeerServer'
import { browserCpuByKind, browserCpuMs, processCpuMs, waitForQuietBrowser } from './processCpu'
import { APP_PACKAGES, ms, percentile, type BenchLine } from './support'

const RECORDS = 10_000
const RUNS = Math.max(3, Number(process.env.BENCH_SYNC_RUNS ?? 5))
const OURS_PAGE = 'bench/out/sync-page'
const POUCH_PAGE = 'bench/out/pouch-page'
const RXDB_PAGE = 'bench/out/rxdb-page'
const REPLICACHE_PAGE = 'bench/out/replicache-page'
const PEER_SAVES = 25

async function buildPage(entry: string, outDir: string, name: string): Promise<void> {
  mkdirSync(outDir, { recursive: true })
  await build({
    configFile: false, logLevel: 'warn', publicDir: false,
    define: { __APP_BUILD_ID__: '"bench"', global: 'globalThis', 'process.env.NODE_ENV': '"production"' },
    resolve: {
      // the peers' pages keep their own packages (RxDB its Dexie); ours uses the app's
      dedupe: entry.startsWith('./peers/') ? [] : APP_PACKAGES,
      alias: {
        '@shared': fileURLToPath(new URL('../src/shared', import.meta.url)),
        '@client': fileURLToPath(new URL('../src/client', import.meta.url)),
        // pouchdb-browser wants Node's 'events', which is not installed: a small stand-in
        events: fileURLToPath(new URL('./browser/pouchEvents.ts', import.meta.url)),
      },
    },
    build: {
      outDir, emptyOutDir: true, minify: !process.env.BENCH_SYNC_PAGE_PROF, target: 'es2022',
      lib: { entry: fileURLToPath(new URL(entry, import.meta.url)), formats: ['iife'], name, fileName: () => 'bench.js' },
    },
  })
  writeFileSync(`${outDir}/index.html`, '<!doctype html><meta charset="utf-8"><title>bench</title><script src="bench.js"></script>')
}

/**
 * A fresh browser (a new on-disk profile `dir`, removed afterwards) on `url`; `fn` runs once the browser has
 * finished setting up its new profile (waitForQuietBrowser), the same for every system measured.
 */
async function withFreshBrowser<T>(url: string, fn: (page: Page, dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-sync-profile-'))
  let context: BrowserContext | undefined
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true,
    })
    const page = context.pages()[0] ?? await context.newPage()
    await page.goto(url)
    await waitForQuietBrowser(dir)
    return await fn(page, dir)
  } finally {
    await context?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** CPU ms per kind of process between two readings (a process that started in between counts from 0). */
function cpuSince(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([kind, v]) => [kind, v - (before[kind] ?? 0)]))
}

/** The kinds any run used CPU in, busiest first. */
function kindsOf(...runs: Record<string, number>[][]): string[] {
  const total = new Map<string, number>()
  for (const k of runs.flat()) for (const [kind, v] of Object.entries(k)) total.set(kind, (total.get(kind) ?? 0) + v)
  return [...total].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).map(([kind]) => kind)
}

/**
 * BENCH_SYNC_PAGE_PROF=<dir>: the page's V8 CPU profile of each of our sync runs is written there
 * (ours-<run>.cpuprofile, the floor's as floor-<run>.cpuprofile; open them in Chromium's DevTools) and the
 * page is built unminified so they read. IndexedDB's own work runs in the browser process and is not in
 * them; what the page's JavaScript does around it is.
 */
async function startPageProfile(page: Page): Promise<{ stop(name: string): Promise<void> } | undefined> {
  const dir = process.env.BENCH_SYNC_PAGE_PROF
  if (!dir) return undefined
  mkdirSync(dir, { recursive: true })
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  return {
    async stop(name) {
      const { profile } = await cdp.send('Profiler.stop')
      writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile))
      await cdp.detach()
    },
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Every row of the branch, read once over the pull API (untimed): the documents PouchDB gets. */
async function readAllRows(url: string, token: string): Promise<PullPage['rows']> {
  const rows: PullPage['rows'] = []
  let cursor = 0
  for (;;) {
    const res = await fetch(`${url}/api/sync/pull?protocolVersion=${PROTOCOL_VERSION}&cursor=${cursor}&limit=${MAX_PULL_LIMIT}`,
      { headers: { Authorization: `Bearer ${token}` } })
    const page = await res.json() as PullPage
    rows.push(...page.rows)
    cursor = page.cursor
    if (!page.hasMore) return rows
  }
}

type SyncBenchWindow = {
  syncBench: {
    signInOurs(username: string, password: string): Promise<void>
    runOurs(): Promise<{ ms: number; status: string; stored: number }>
    profileOurs(token: string): Promise<{ pages: number; serverMs: number; parseMs: number; applyMs: number }>
    storedRows(): Promise<Record<string, unknown>[]>
    runFloor(rows: Record<string, unknown>[]): Promise<{ ms: number; stored: number }>
  }
  pouchBench: { runPouch(remote: string): Promise<{ ms: number; stored: number; adapter: string }> }
  rxdbBench: { runSync(): Promise<{ ms: number; stored: number }>; runSaves(rounds: number): Promise<number[]> }
  replicacheBench: {
    runSync(expected: number): Promise<{ ms: number; visibleMs: number; stored: number }>
    runSaves(rounds: number): Promise<number[]>
  }
}

/** The peers' packages live in bench/node_modules, apart from the app's: installed from bench/package-lock.json. */
function ensurePeerPackages(): void {
  if (existsSync('bench/node_modules/rxdb') && existsSync('bench/node_modules/replicache')) return
  execFileSync('npm', ['--prefix', 'bench', 'ci', '--no-audit', '--no-fund', '--ignore-scripts'], { stdio: 'inherit' })
}

export async function measureSync(): Promise<BenchLine[]> {
  await buildPage('./browser/syncBench.ts', OURS_PAGE, 'syncBench')
  await buildPage('./browser/pouchBench.ts', POUCH_PAGE, 'pouchBench')
  ensurePeerPackages()
  await buildPage('./peers/rxdbBench.ts', RXDB_PAGE, 'rxdbBench')
  await buildPage('./peers/replicacheBench.ts', REPLICACHE_PAGE, 'replicacheBench')
  const storage = sqliteStorage()
  const server = await startBenchServer({ ...storage.env, DIST_DIR: OURS_PAGE })
  let pouch: Awaited<ReturnType<typeof startPouchServer>> | undefined
  let peers: Awaited<ReturnType<typeof startPeerServer>> | undefined
  try {
    const login = await createSignedInBranch(storage, server.url)
    await pushRecords(server.url, login.token, syntheticActivities(RECORDS))
    const rows = await readAllRows(server.url, login.token)
    if (rows.length !== RECORDS) throw new Error(`server holds ${rows.length} rows, expected ${RECORDS}`)
    pouch = await startPouchServer(POUCH_PAGE, rows.map((r) => ({ _id: r.id, ...r.data })))
    const remote = pouch.remoteUrl
    const pouchUrl = pouch.url
    peers = await startPeerServer(rows.map((r) => ({ id: r.id, version: r.version, data: r.data })), { rxdb: RXDB_PAGE, replicache: REPLICACHE_PAGE })
    const peersUrl = peers.url

    const ours: number[] = []
    const floor: number[] = []
    const oursCpu: number[] = []
    const floorCpu: number[] = []
    const serverCpu: number[] = []
    const oursByKind: Record<string, number>[] = []
    const floorByKind: Record<string, number>[] = []
    const pouchTimes: number[] = []
    const rxdbTimes: number[] = []
    const replicacheTimes: number[] = []
    const replicacheVisible: number[] = []
    let rxdbSaves: number[] = []
    let replicacheSaves: number[] = []
    let adapter = ''
    for (let run = 0; run < RUNS; run++) {
      const last = run === RUNS - 1
      // The peers' save-to-visible runs once, in the last run's browser, over the 10,000 records it just synced.
      await withFreshBrowser(`${peersUrl}/rxdb/`, async (page) => {
        const r = await page.evaluate(() => (window as unknown as SyncBenchWindow).rxdbBench.runSync())
        if (r.stored !== RECORDS) throw new Error(`RxDB replicated ${r.stored} documents`)
        rxdbTimes.push(r.ms)
        if (last) rxdbSaves = await page.evaluate((n) => (window as unknown as SyncBenchWindow).rxdbBench.runSaves(n), PEER_SAVES)
      })
      await withFreshBrowser(`${peersUrl}/replicache/`, async (page) => {
        const r = await page.evaluate((n) => (window as unknown as SyncBenchWindow).replicacheBench.runSync(n), RECORDS)
        if (r.stored !== RECORDS) throw new Error(`Replicache pulled ${r.stored} records`)
        replicacheTimes.push(r.ms)
        replicacheVisible.push(r.visibleMs)
        if (last) replicacheSaves = await page.evaluate((n) => (window as unknown as SyncBenchWindow).replicacheBench.runSaves(n), PEER_SAVES)
      })
      // Interleaved, so drift on a shared machine hits all three alike.
      await withFreshBrowser(`${server.url}/`, async (page, dir) => {
        await page.evaluate(({ username, password }) => (window as unknown as SyncBenchWindow).syncBench.signInOurs(username, password),
          { username: login.username, password: login.password })
        const profiler = await startPageProfile(page)
        const cpuBefore = browserCpuMs(dir)
        const kindsBefore = browserCpuByKind(dir)
        const serverBefore = processCpuMs(server.pid)
        const r = await page.evaluate(() => (window as unknown as SyncBenchWindow).syncBench.runOurs())
        await profiler?.stop(`ours-${run}`)
        oursCpu.push(browserCpuMs(dir) - cpuBefore)
        oursByKind.push(cpuSince(kindsBefore, browserCpuByKind(dir)))
        serverCpu.push(processCpuMs(server.pid) - serverBefore)
        if (r.status !== 'ok' || r.stored !== RECORDS) throw new Error(`our sync ended ${r.status} with ${r.stored} rows`)
        ours.push(r.ms)
        const rows = await page.evaluateHandle(() => (window as unknown as SyncBenchWindow).syncBench.storedRows())
        const floorProfiler = await startPageProfile(page)
        const floorBefore = browserCpuMs(dir)
        const floorKindsBefore = browserCpuByKind(dir)
        const f = await page.evaluate((stored) => (window as unknown as SyncBenchWindow).syncBench.runFloor(stored), rows)
        await floorProfiler?.stop(`floor-${run}`)
        floorCpu.push(browserCpuMs(dir) - floorBefore)
        floorByKind.push(cpuSince(floorKindsBefore, browserCpuByKind(dir)))
        if (f.stored !== RECORDS) throw new Error(`floor stored ${f.stored} rows`)
        floor.push(f.ms)
      })
      await withFreshBrowser(`${pouchUrl}/`, async (page) => {
        const p = await page.evaluate((url) => (window as unknown as SyncBenchWindow).pouchBench.runPouch(url), remote)
        if (p.stored !== RECORDS) throw new Error(`PouchDB replicated ${p.stored} documents`)
        adapter = p.adapter
        pouchTimes.push(p.ms)
      })
    }
    // Where our time goes: one more fresh browser, the same pages step by step (not part of the median).
    const profile = await withFreshBrowser(`${server.url}/`, async (page) => {
      return page.evaluate((token) => (window as unknown as SyncBenchWindow).syncBench.profileOurs(token), login.token)
    })

    const o = median(ours)
    const f = median(floor)
    const p = median(pouchTimes)
    const rx = median(rxdbTimes)
    const rc = median(replicacheTimes)
    const list = (v: number[]) => v.map((x) => x.toFixed(0)).join(', ')
    const fastestPeer = Math.min(p, rx, rc)
    const saves = (v: number[]) => `${ms(percentile(v, 50))} / ${ms(percentile(v, 95))}`
    return [
      { name: `sync ${RECORDS} records: ours (server → Dexie, median of ${RUNS})`, value: `${ms(o)} [${list(ours)}]` },
      { name: `sync ${RECORDS} records: PouchDB replicate.from (${adapter})`, value: `${ms(p)} [${list(pouchTimes)}]` },
      { name: `sync ${RECORDS} records: RxDB 17 replicateRxCollection (Dexie storage)`, value: `${ms(rx)} [${list(rxdbTimes)}]` },
      {
        name: `sync ${RECORDS} records: Replicache 15 pull, until in IndexedDB`,
        value: `${ms(rc)} [${list(replicacheTimes)}] (queryable in memory after ${ms(median(replicacheVisible))})`,
      },
      { name: `sync ${RECORDS} records: raw IndexedDB, 1 transaction (floor)`, value: `${ms(f)} [${list(floor)}]` },
      { name: 'sync: PouchDB / ours', value: `${(p / o).toFixed(2)}×`, target: '≥ 5×', pass: p / o >= 5 },
      { name: 'sync: RxDB / ours', value: `${(rx / o).toFixed(2)}×` },
      { name: 'sync: Replicache / ours', value: `${(rc / o).toFixed(2)}×` },
      { name: 'sync: fastest peer / ours', value: `${(fastestPeer / o).toFixed(2)}×`, target: '> 1× (ours fastest)', pass: fastestPeer > o },
      { name: 'sync: ours / floor', value: `${(o / f).toFixed(2)}×`, target: '≤ 1.3×', pass: o / f <= 1.3 },
      {
        // Each run's floor writes in the same fresh browser right after ours, so a run's pair shares its moment's load.
        name: 'sync: ours / floor run by run (median)',
        value: `${median(ours.map((v, i) => v / floor[i]!)).toFixed(2)}× [${ours.map((v, i) => (v / floor[i]!).toFixed(2)).join(', ')}]`,
      },
      {
        // The server keeps the pages it sent (src/server/services/pull-page-cache.ts): the first run is the first new
        // phone of a branch, read from the database; the later ones are the phones after it.
        name: 'sync: ours / floor in the first run (server\'s page cache empty)',
        value: `${(ours[0]! / floor[0]!).toFixed(2)}× (${ms(ours[0]!)} / ${ms(floor[0]!)})`,
      },
      {
        // The phone's own work, apart from the server's: here both share the machine's cores, on a phone they do not.
        name: 'sync: CPU of the browser\'s processes, ours / floor (medians)',
        value: `${(median(oursCpu) / median(floorCpu)).toFixed(2)}× (ours ${ms(median(oursCpu))} [${list(oursCpu)}], floor ${ms(median(floorCpu))})`,
      },
      {
        // Which of the browser's processes the difference is in: the page's JavaScript and structured clone
        // (renderer), IndexedDB's backing store (browser, or storage), fetching and decompressing (network).
        name: 'sync: CPU by process, ours / floor (medians)',
        value: kindsOf(oursByKind, floorByKind).map((kind) =>
          `${kind} ${ms(median(oursByKind.map((k) => k[kind] ?? 0)))} / ${ms(median(floorByKind.map((k) => k[kind] ?? 0)))}`).join(', '),
      },
      {
        // On this machine the server's CPU comes out of the same cores the browser writes with; the floor has none.
        name: 'sync: CPU of our server during ours (median), and browser + server / floor',
        value: `${ms(median(serverCpu))} [${list(serverCpu)}], ${((median(oursCpu) + median(serverCpu)) / median(floorCpu)).toFixed(2)}×`,
      },
      {
        name: `save→visible, ${RECORDS} synced: RxDB insert → live query → bare list, p50 / p95`,
        value: saves(rxdbSaves),
      },
      {
        name: `save→visible, ${RECORDS} synced: Replicache mutator → subscribe → bare list, p50 / p95`,
        value: saves(replicacheSaves),
      },
      {
        name: 'sync: ours step by step (no overlap)',
        value: `${profile.pages} pages of ≤ ${MAX_PULL_LIMIT}: server + network ${ms(profile.serverMs)}, JSON.parse ${ms(profile.parseMs)}, ` +
          `applyPullPage ${ms(profile.applyMs)} (floor ${ms(f)})`,
      },
    ]
  } finally {
    await pouch?.close()
    await peers?.close()
    await server.stop()
    await storage.cleanup()
  }
}
