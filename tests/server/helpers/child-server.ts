// The real server as a child process (node + tsx), so tests can kill -9 it.
import { type ChildProcess, spawn } from 'node:child_process'

export interface ChildServer {
  proc: ChildProcess
  url: string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  output: () => string
}

export async function spawnServer(env: Record<string, string>): Promise<ChildServer> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DIST_DIR: '/nonexistent', ZHIBU_TEST_HOOKS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 20_000)
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const m = /listening on http:\/\/([\d.]+):(\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(`http://127.0.0.1:${m[2]}`)
      }
    }
    proc.stdout?.on('data', onData)
    proc.stderr?.on('data', (c: Buffer) => { out += c.toString() })
    void exited.then(() => { clearTimeout(timer); reject(new Error(`server exited early:\n${out}`)) })
  })
  proc.stdout?.on('data', (c: Buffer) => { out += c.toString() })
  return { proc, url, exited, output: () => out }
}
