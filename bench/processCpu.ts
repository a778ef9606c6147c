// CPU time (user + system, ms) used so far by a process and every process below it: one Chromium instance (its
// browser process, found by the profile directory on its command line, with its renderer, network and storage
// services and GPU), or the bench's server.
// Linux only (/proc). The sync bench uses it to show the phone's share of a sync apart from the server's (and the
// server's own): on the bench machine both share two cores, on a real phone they do not.
import { readdirSync, readFileSync } from 'node:fs'

interface ProcInfo { ppid: number; cpuMs: number; cmdline: string }

const TICK_MS = 10 // USER_HZ is 100 on Linux

function readProcesses(): Map<number, ProcInfo> {
  const out = new Map<number, ProcInfo>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // fields after "pid (comm) ": state ppid … utime(14th) stime(15th)
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const cpuMs = (Number(fields[11]) + Number(fields[12])) * TICK_MS
      out.set(Number(entry), { ppid: Number(fields[1]), cpuMs, cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8') })
    } catch {
      // the process ended while being read
    }
  }
  return out
}

/** The processes `roots` and all their descendants that are still running. */
function processTree(procs: Map<number, ProcInfo>, roots: number[]): ProcInfo[] {
  const out: ProcInfo[] = []
  const seen = new Set<number>()
  const stack = [...roots]
  while (stack.length > 0) {
    const pid = stack.pop()!
    if (seen.has(pid)) continue
    seen.add(pid)
    const info = procs.get(pid)
    if (info) out.push(info)
    for (const [child, p] of procs) if (p.ppid === pid) stack.push(child)
  }
  return out
}

/** CPU ms of the processes `roots` and all their descendants (a process that has ended counts 0). */
function treeCpuMs(procs: Map<number, ProcInfo>, roots: number[]): number {
  return processTree(procs, roots).reduce((sum, p) => sum + p.cpuMs, 0)
}

/** The browser process of the Chromium started with `--user-data-dir=<profileDir>`. */
function browserRoots(procs: Map<number, ProcInfo>, profileDir: string): number[] {
  return [...procs].filter(([, p]) => p.cmdline.includes(`--user-data-dir=${profileDir}`) && !p.cmdline.includes('--type='))
    .map(([pid]) => pid)
}

/** CPU ms of the Chromium started with `--user-data-dir=<profileDir>` and all its descendants; 0 if not found. */
export function browserCpuMs(profileDir: string): number {
  const procs = readProcesses()
  return treeCpuMs(procs, browserRoots(procs, profileDir))
}

/**
 * The same CPU split by the kind of process: `browser` (where IndexedDB's backing store runs unless the storage
 * service is its own process), `renderer` (the page's JavaScript, structured clone), `network`, `storage`, `gpu`, or
 * another utility's sub-type. A process that ends between two readings drops out of the later one.
 */
export function browserCpuByKind(profileDir: string): Record<string, number> {
  const procs = readProcesses()
  const out: Record<string, number> = {}
  for (const p of processTree(procs, browserRoots(procs, profileDir))) {
    const kind = processKind(p.cmdline)
    out[kind] = (out[kind] ?? 0) + p.cpuMs
  }
  return out
}

/** Chromium rewrites its children's command lines into one space-separated string (setproctitle). */
function processKind(cmdline: string): string {
  const args = cmdline.split(/[\0 ]/)
  const value = (flag: string) => args.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1)
  const type = value('--type')
  if (!type) return 'browser'
  if (type === 'utility') {
    const sub = value('--utility-sub-type') ?? 'utility'
    if (sub.startsWith('network.')) return 'network'
    if (sub.startsWith('storage.')) return 'storage'
    return sub
  }
  if (type === 'gpu-process') return 'gpu'
  return type
}

/** CPU ms of process `pid` (such as the bench's server) and its descendants so far. */
export function processCpuMs(pid: number): number {
  return treeCpuMs(readProcesses(), [pid])
}

/**
 * Wait until that Chromium has gone quiet: two windows of `windowMs` in a row using under `quietMs` of CPU each
 * (at most `timeoutMs`). A browser launched on a new profile spends most of a CPU second setting the profile up
 * after its first page has loaded; timing starts only once that is over, for every system alike.
 */
export async function waitForQuietBrowser(profileDir: string, windowMs = 250, quietMs = 25, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let quietWindows = 0
  let last = browserCpuMs(profileDir)
  while (quietWindows < 2 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, windowMs))
    const now = browserCpuMs(profileDir)
    quietWindows = now - last < quietMs ? quietWindows + 1 : 0
    last = now
  }
}
