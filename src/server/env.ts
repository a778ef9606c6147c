// The server's environment, read once by main.ts and cli.ts. A variable that is set but unusable stops the
// process with a message that names it, instead of a server that starts with a silent fallback.
//   PORT (8080)  HOST (0.0.0.0)  DATA_DIR (./data)  DATABASE_URL (PostgreSQL; embedded SQLite when unset)
//   PG_PREPARED_STATEMENTS (1; 0 behind a pooler in transaction mode that does not keep prepared statements)
//   DIST_DIR (./dist)  PUBLIC_ORIGIN (e.g. https://zhibu.example.cn; absolute links in QR codes)
//   TRUST_PROXY, HSTS, ZHIBU_TEST_HOOKS (1 on, 0 off; test hooks for tests only)
//   TLS_CERT, TLS_KEY (PEM file paths, both or neither: the server itself serves HTTPS on PORT)
//   MAX_CONNECTIONS_PER_ADDRESS (64; behind a reverse proxy every phone shares the proxy's address: raise it)
//   PHOTO_QUOTA_PER_MEMBER_MB (200), PHOTO_QUOTA_PER_BRANCH_MB (5000): photo space per account and per branch
//   ORPHAN_PHOTO_GRACE_HOURS (48): a photo no live record refers to is removed this long after its upload
//   PULL_PAGE_CACHE_MB (64; 0 off): memory for pull pages already sent, per process (services/pull-page-cache.ts)
// Every variable is explained for operators in docs/deploy.md.
import { existsSync } from 'node:fs'
import * as z from 'zod/mini'

export interface ServerEnv {
  port: number
  host: string
  dataDir: string
  databaseUrl: string | undefined
  /** PostgreSQL: hot statements as named prepared statements (storage/postgres.ts) */
  pgPreparedStatements: boolean
  distDir: string
  publicOrigin: string | undefined
  trustProxy: boolean
  hsts: boolean
  testHooks: boolean
  tls: { certFile: string; keyFile: string } | undefined
  maxConnectionsPerAddress: number
  photoQuotaPerMemberMb: number
  photoQuotaPerBranchMb: number
  orphanPhotoGraceHours: number
  pullPageCacheMb: number
}

/** An unset or empty variable reads as undefined. */
const optionalText = z.pipe(z.optional(z.string()), z.transform((v: string | undefined) => (v === '' ? undefined : v)))

function withDefault(fallback: string) {
  return z.pipe(optionalText, z.transform((v: string | undefined) => v ?? fallback))
}

const port = z.pipe(
  withDefault('8080'),
  z.pipe(
    z.string().check(z.regex(/^\d{1,5}$/, '应为 0 到 65535 之间的整数')),
    z.pipe(z.transform((v: string) => Number(v)), z.number().check(z.lte(65535, '应为 0 到 65535 之间的整数'))),
  ),
)

const databaseUrl = z.pipe(optionalText, z.optional(z.string().check(
  z.regex(/^postgres(ql)?:\/\/\S+$/, '应为 PostgreSQL 连接地址，如 postgres://用户:密码@主机:5432/数据库'),
)))

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/$/, '')
  } catch {
    return false
  }
}

const publicOrigin = z.pipe(
  optionalText,
  z.pipe(
    z.optional(z.string().check(z.refine(isOrigin, '应为网址的协议和域名，如 https://zhibu.example.cn（不带路径）'))),
    z.transform((v: string | undefined) => v?.replace(/\/$/, '')),
  ),
)

const pemFile = z.pipe(optionalText, z.optional(z.string().check(z.refine((v) => existsSync(v), '找不到这个文件'))))

const positiveCount = (fallback: string) => z.pipe(
  withDefault(fallback),
  z.pipe(z.string().check(z.regex(/^[1-9]\d{0,5}$/, '应为正整数')), z.transform((v: string) => Number(v))),
)

const countOrZero = (fallback: string) => z.pipe(
  withDefault(fallback),
  z.pipe(z.string().check(z.regex(/^(0|[1-9]\d{0,5})$/, '应为 0 或正整数')), z.transform((v: string) => Number(v))),
)

const FLAG_VALUES: Readonly<Record<string, boolean>> = { '1': true, true: true, '0': false, false: false }
const flagDefaulting = (fallback: boolean) => z.pipe(
  optionalText,
  z.pipe(
    z.optional(z.string().check(z.refine((v) => Object.hasOwn(FLAG_VALUES, v), '应为 1（开启）或 0（关闭）'))),
    z.transform((v: string | undefined) => (v === undefined ? fallback : FLAG_VALUES[v] === true)),
  ),
)
const flag = flagDefaulting(false)

const envSchema = z.object({
  PORT: port,
  HOST: withDefault('0.0.0.0'),
  DATA_DIR: withDefault('./data'),
  DATABASE_URL: databaseUrl,
  PG_PREPARED_STATEMENTS: flagDefaulting(true),
  DIST_DIR: withDefault('dist'),
  PUBLIC_ORIGIN: publicOrigin,
  TRUST_PROXY: flag,
  HSTS: flag,
  ZHIBU_TEST_HOOKS: flag,
  TLS_CERT: pemFile,
  TLS_KEY: pemFile,
  MAX_CONNECTIONS_PER_ADDRESS: positiveCount('64'),
  PHOTO_QUOTA_PER_MEMBER_MB: positiveCount('200'),
  PHOTO_QUOTA_PER_BRANCH_MB: positiveCount('5000'),
  ORPHAN_PHOTO_GRACE_HOURS: positiveCount('48'),
  PULL_PAGE_CACHE_MB: countOrZero('64'),
})

/** Values that may hold a password are never repeated in an error. */
const SECRET_VARIABLES: ReadonlySet<string> = new Set(['DATABASE_URL'])

export class EnvError extends Error {
  constructor(readonly variable: string, message: string) {
    super(message)
  }
}

/** Reads the variables the server uses; throws EnvError naming the first unusable one. */
export function parseServerEnv(env: Readonly<Record<string, string | undefined>>): ServerEnv {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const variable = String(issue?.path[0] ?? '')
    const value = env[variable]
    const shown = SECRET_VARIABLES.has(variable) || value === undefined ? '' : `（当前为 "${value}"）`
    throw new EnvError(variable, `环境变量 ${variable} 无效：${issue?.message ?? '格式不对'}${shown}`)
  }
  const e = parsed.data
  if ((e.TLS_CERT === undefined) !== (e.TLS_KEY === undefined)) {
    const missing = e.TLS_CERT === undefined ? 'TLS_CERT' : 'TLS_KEY'
    throw new EnvError(missing, `环境变量 ${missing} 未设置：TLS_CERT 和 TLS_KEY 须同时设置（证书和私钥的 PEM 文件路径）`)
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    pgPreparedStatements: e.PG_PREPARED_STATEMENTS,
    distDir: e.DIST_DIR,
    publicOrigin: e.PUBLIC_ORIGIN,
    trustProxy: e.TRUST_PROXY,
    hsts: e.HSTS,
    testHooks: e.ZHIBU_TEST_HOOKS,
    tls: e.TLS_CERT && e.TLS_KEY ? { certFile: e.TLS_CERT, keyFile: e.TLS_KEY } : undefined,
    maxConnectionsPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS,
    photoQuotaPerMemberMb: e.PHOTO_QUOTA_PER_MEMBER_MB,
    photoQuotaPerBranchMb: e.PHOTO_QUOTA_PER_BRANCH_MB,
    orphanPhotoGraceHours: e.ORPHAN_PHOTO_GRACE_HOURS,
    pullPageCacheMb: e.PULL_PAGE_CACHE_MB,
  }
}

/** For main.ts and cli.ts: the parsed environment, or the error on stderr and exit code 1. */
export function serverEnvOrExit(env: Readonly<Record<string, string | undefined>> = process.env): ServerEnv {
  try {
    return parseServerEnv(env)
  } catch (err) {
    if (!(err instanceof EnvError)) throw err
    console.error(err.message)
    process.exit(1)
  }
}
