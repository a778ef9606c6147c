// The server's environment: defaults, parsed values, and a clear error naming the variable (main.ts and cli.ts
// exit 1 with it).
import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { EnvError, parseServerEnv } from '../../src/server/env'

function refusal(env: Record<string, string>): EnvError {
  try {
    parseServerEnv(env)
  } catch (err) {
    if (err instanceof EnvError) return err
    throw err
  }
  throw new Error(`accepted ${JSON.stringify(env)}`)
}

function run(script: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', script, 'rotate-epoch'], {
      env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    proc.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    proc.once('exit', (code) => resolve({ code, stderr }))
  })
}

describe('server environment', () => {
  it('falls back to the defaults when nothing (or an empty value) is set', () => {
    const defaults = {
      port: 8080, host: '0.0.0.0', dataDir: './data', databaseUrl: undefined, pgPreparedStatements: true, distDir: 'dist', publicOrigin: undefined,
      trustProxy: false, hsts: false, testHooks: false, tls: undefined, maxConnectionsPerAddress: 64,
      photoQuotaPerMemberMb: 200, photoQuotaPerBranchMb: 5000, orphanPhotoGraceHours: 48, pullPageCacheMb: 64,
    }
    expect(parseServerEnv({})).toEqual(defaults)
    expect(parseServerEnv({ PORT: '', HOST: '', DATABASE_URL: '', PUBLIC_ORIGIN: '', HSTS: '' })).toEqual(defaults)
  })

  it('reads every variable', () => {
    expect(parseServerEnv({
      PORT: '0', HOST: '127.0.0.1', DATA_DIR: '/var/lib/zhibu', DATABASE_URL: 'postgres://zhibu:pw@db:5432/zhibu',
      PG_PREPARED_STATEMENTS: '0', DIST_DIR: '/srv/dist', PUBLIC_ORIGIN: 'https://zhibu.example.cn/', TRUST_PROXY: '1', HSTS: 'true', ZHIBU_TEST_HOOKS: '0',
      TLS_CERT: 'package.json', TLS_KEY: 'tsconfig.json', MAX_CONNECTIONS_PER_ADDRESS: '500',
      PHOTO_QUOTA_PER_MEMBER_MB: '50', PHOTO_QUOTA_PER_BRANCH_MB: '20000', ORPHAN_PHOTO_GRACE_HOURS: '72', PULL_PAGE_CACHE_MB: '0',
    })).toEqual({
      port: 0, host: '127.0.0.1', dataDir: '/var/lib/zhibu', databaseUrl: 'postgres://zhibu:pw@db:5432/zhibu',
      pgPreparedStatements: false, distDir: '/srv/dist',
      publicOrigin: 'https://zhibu.example.cn', trustProxy: true, hsts: true, testHooks: false,
      tls: { certFile: 'package.json', keyFile: 'tsconfig.json' }, maxConnectionsPerAddress: 500,
      photoQuotaPerMemberMb: 50, photoQuotaPerBranchMb: 20000, orphanPhotoGraceHours: 72, pullPageCacheMb: 0,
    })
    // a certificate needs its key, and both must exist
    expect(refusal({ TLS_CERT: 'package.json' }).variable).toBe('TLS_KEY')
    expect(refusal({ TLS_CERT: '/no/such/cert.pem', TLS_KEY: 'package.json' }).message).toContain('环境变量 TLS_CERT 无效：找不到这个文件')
    expect(refusal({ MAX_CONNECTIONS_PER_ADDRESS: '0' }).variable).toBe('MAX_CONNECTIONS_PER_ADDRESS')
    expect(refusal({ PG_PREPARED_STATEMENTS: 'off' }).message).toContain('环境变量 PG_PREPARED_STATEMENTS 无效：应为 1（开启）或 0（关闭）')
    expect(refusal({ PHOTO_QUOTA_PER_MEMBER_MB: '200MB' }).variable).toBe('PHOTO_QUOTA_PER_MEMBER_MB')
    expect(refusal({ PHOTO_QUOTA_PER_BRANCH_MB: '-1' }).variable).toBe('PHOTO_QUOTA_PER_BRANCH_MB')
    expect(refusal({ PULL_PAGE_CACHE_MB: '-1' }).message).toContain('环境变量 PULL_PAGE_CACHE_MB 无效：应为 0 或正整数')
    expect(refusal({ PULL_PAGE_CACHE_MB: '064' }).variable).toBe('PULL_PAGE_CACHE_MB')
    expect(refusal({ ORPHAN_PHOTO_GRACE_HOURS: '1.5' }).message).toContain('环境变量 ORPHAN_PHOTO_GRACE_HOURS 无效：应为正整数')
  })

  it('names the variable that is unusable, in Chinese, without repeating a database password', () => {
    for (const [env, variable] of [
      [{ PORT: 'eighty' }, 'PORT'], [{ PORT: '65536' }, 'PORT'], [{ PORT: '80.5' }, 'PORT'],
      [{ HSTS: 'yes' }, 'HSTS'], [{ TRUST_PROXY: 'on' }, 'TRUST_PROXY'], [{ ZHIBU_TEST_HOOKS: '2' }, 'ZHIBU_TEST_HOOKS'],
      [{ PUBLIC_ORIGIN: 'zhibu.example.cn' }, 'PUBLIC_ORIGIN'], [{ PUBLIC_ORIGIN: 'https://zhibu.example.cn/app' }, 'PUBLIC_ORIGIN'],
      [{ PUBLIC_ORIGIN: 'ftp://zhibu.example.cn' }, 'PUBLIC_ORIGIN'], [{ DATABASE_URL: 'mysql://root:hunter2@db/zhibu' }, 'DATABASE_URL'],
    ] as const) {
      const err = refusal(env)
      expect(err.variable).toBe(variable)
      expect(err.message).toContain(`环境变量 ${variable} 无效`)
    }
    expect(refusal({ PORT: 'eighty' }).message).toContain('"eighty"')
    expect(refusal({ DATABASE_URL: 'mysql://root:hunter2@db/zhibu' }).message).not.toContain('hunter2')
  })

  it('stops the server and the admin command with exit code 1 and that message', async () => {
    const server = await run('src/server/main.ts', { PORT: 'eighty' })
    expect(server.code).toBe(1)
    expect(server.stderr).toContain('环境变量 PORT 无效')
    const cli = await run('src/server/cli.ts', { HSTS: 'yes' })
    expect(cli.code).toBe(1)
    expect(cli.stderr).toContain('环境变量 HSTS 无效')
  })
})
