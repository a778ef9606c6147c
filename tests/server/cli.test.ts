// The administration commands as an operator runs them: links with PUBLIC_ORIGIN and China time, backup and
// restore of the embedded database with a new epoch, a bad backup file refused with a Chinese message.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readEpoch } from '../../src/server/storage/migrations'
import { openStorage } from '../../src/server/storage/open'

const dir = mkdtempSync(join(tmpdir(), 'zhibu-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function cli(args: string[], env: Record<string, string> = {}) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: join(dir, 'data'), TZ: 'UTC', ...env }, encoding: 'utf8', timeout: 60_000,
  })
  return { code: res.status, out: res.stdout, err: res.stderr }
}

async function epoch(): Promise<string> {
  const db = await openStorage({ dataDir: join(dir, 'data') })
  try { return await readEpoch(db) } finally { await db.close() }
}

describe('cli', () => {
  it('prints the secretary link at PUBLIC_ORIGIN with its expiry in China time', () => {
    const res = cli(['create-branch', '--name', '第一党支部', '--secretary', '张三'], { PUBLIC_ORIGIN: 'https://zhibu.example.cn' })
    expect(res.code).toBe(0)
    expect(res.out).toMatch(/https:\/\/zhibu\.example\.cn\/join\?code=\S+/)
    expect(res.out).toMatch(/（北京时间）前有效/)
    const missing = cli(['create-branch', '--name', '第二党支部', '--secretary', '李四'])
    expect(missing.err).toMatch(/未设置 PUBLIC_ORIGIN/)
  })

  it('backs up and restores the embedded database, with a new epoch', async () => {
    const file = join(dir, 'backup.sqlite')
    const backup = cli(['backup', '--to', file])
    expect([backup.code, backup.out]).toEqual([0, expect.stringMatching(/已备份到/)])
    const before = await epoch()
    const restore = cli(['restore', '--from', file])
    expect([restore.code, restore.out]).toEqual([0, expect.stringMatching(/已从 .* 恢复/)])
    expect(await epoch()).not.toBe(before)
    const bogus = join(dir, 'bogus.sqlite')
    writeFileSync(bogus, 'not a database')
    const refused = cli(['restore', '--from', bogus])
    expect([refused.code, refused.err]).toEqual([1, expect.stringMatching(/备份文件/)])
  })
})
