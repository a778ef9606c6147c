// Administration commands:
//   npx tsx src/server/cli.ts create-branch --name 某某党支部 [--committee 某某党委] --secretary 张三
//   npx tsx src/server/cli.ts create-committee --name 某某党委 --account 李四
//   npx tsx src/server/cli.ts backup --to FILE       (SQLite: online backup, safe while the server runs; PostgreSQL: pg_dump)
//   npx tsx src/server/cli.ts restore --from FILE    (stop the server first; every device re-syncs afterwards)
//   npx tsx src/server/cli.ts rotate-epoch           (after restoring by other means: every device re-syncs)
// Uses the same DATA_DIR / DATABASE_URL as the server (env.ts). Links are printed with PUBLIC_ORIGIN, the address
// phones open (docs/deploy.md); times in China time.
import { parseArgs } from 'node:util'
import { serverEnvOrExit } from './env'
import { createBranch, createCommittee } from './services/accounts'
import { joinLink } from './services/invites'
import { backupDatabase, BackupError, restoreDatabase } from './storage/backup'
import { rotateEpoch } from './storage/migrations'
import { openStorage } from './storage/open'

const USAGE = `用法:
  create-branch --name 支部名称 [--committee 党委名称] --secretary 书记姓名
  create-committee --name 党委名称 --account 账号姓名
  backup --to 备份文件
  restore --from 备份文件        （先停止服务器）
  rotate-epoch`

/** A time as people in the branch read it: China time, whatever the server's time zone. */
export function chinaTime(ms: number): string {
  return `${new Date(ms).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}（北京时间）`
}

function required(value: string | undefined, flag: string, maxLength = 60): string {
  const v = value?.trim()
  if (!v) {
    console.error(`缺少参数 --${flag}\n${USAGE}`)
    process.exit(2)
  }
  if (v.length > maxLength) {
    console.error(`--${flag} 不能超过${maxLength}个字`)
    process.exit(2)
  }
  return v
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2)
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' }, committee: { type: 'string' }, secretary: { type: 'string' }, account: { type: 'string' },
      to: { type: 'string' }, from: { type: 'string' },
    },
  })
  const env = serverEnvOrExit()
  const storage = { dataDir: env.dataDir, databaseUrl: env.databaseUrl, preparedStatements: env.pgPreparedStatements }
  if (command === 'backup' || command === 'restore') {
    try {
      if (command === 'backup') {
        const file = required(values.to, 'to', 1000)
        const bytes = await backupDatabase(storage, file)
        console.log(`已备份到 ${file}（${(bytes / 1024 / 1024).toFixed(1)} MB）`)
      } else {
        const file = required(values.from, 'from', 1000)
        const epoch = await restoreDatabase(storage, file)
        console.log(`已从 ${file} 恢复。新的数据纪元：${epoch}；手机下次同步时会补传服务器缺少的记录并重新下载`)
      }
    } catch (err) {
      if (!(err instanceof BackupError)) throw err
      console.error(err.message)
      process.exitCode = 1
    }
    return
  }
  const db = await openStorage(storage)
  if (!env.publicOrigin) {
    console.error('提示：未设置 PUBLIC_ORIGIN（手机打开的网址，如 https://zhibu.example.cn），下面的链接只能在本机打开')
  }
  const origin = env.publicOrigin ?? `http://localhost:${env.port}`
  try {
    if (command === 'create-branch') {
      const r = await createBranch(db, {
        name: required(values.name, 'name'),
        committee: values.committee?.trim() || undefined,
        secretary: required(values.secretary, 'secretary'),
      })
      console.log(`已创建支部「${r.name}」（编号 ${r.id}）`)
      console.log(`书记账号的一次性登录链接（${chinaTime(r.expiresAt)}前有效）：`)
      console.log(origin + joinLink(r.code))
    } else if (command === 'create-committee') {
      const r = await createCommittee(db, { name: required(values.name, 'name'), account: required(values.account, 'account') })
      console.log(`已创建「${r.name}」（编号 ${r.id}）`)
      console.log(`党委账号的一次性登录链接（${chinaTime(r.expiresAt)}前有效）：`)
      console.log(origin + joinLink(r.code))
    } else if (command === 'rotate-epoch') {
      console.log(`新的数据纪元：${await rotateEpoch(db)}；所有设备将在下次同步时重新下载数据`)
    } else {
      console.error(USAGE)
      process.exitCode = 2
    }
  } finally {
    await db.close()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
