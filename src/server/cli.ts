// Administration commands:
//   npx tsx src/server/cli.ts create-branch --name 某某党支部 [--committee 某某党委] --secretary 张三
//   npx tsx src/server/cli.ts create-committee --name 某某党委 --account 李四
//   npx tsx src/server/cli.ts rotate-epoch      (after restoring a backup: every device re-syncs)
// Uses the same DATA_DIR / DATABASE_URL as the server (env.ts). PUBLIC_ORIGIN makes the printed link absolute.
import { parseArgs } from 'node:util'
import { serverEnvOrExit } from './env'
import { createBranch, createCommittee } from './services/accounts'
import { joinLink } from './services/invites'
import { rotateEpoch } from './storage/migrations'
import { openStorage } from './storage/open'

const USAGE = `用法:
  create-branch --name 支部名称 [--committee 党委名称] --secretary 书记姓名
  create-committee --name 党委名称 --account 账号姓名
  rotate-epoch`

function required(value: string | undefined, flag: string): string {
  const v = value?.trim()
  if (!v) {
    console.error(`缺少参数 --${flag}\n${USAGE}`)
    process.exit(2)
  }
  if (v.length > 60) {
    console.error(`--${flag} 不能超过60个字`)
    process.exit(2)
  }
  return v
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2)
  const { values } = parseArgs({
    args: rest,
    options: { name: { type: 'string' }, committee: { type: 'string' }, secretary: { type: 'string' }, account: { type: 'string' } },
  })
  const env = serverEnvOrExit()
  const db = await openStorage({ dataDir: env.dataDir, databaseUrl: env.databaseUrl })
  const origin = env.publicOrigin ?? `http://localhost:${env.port}`
  try {
    if (command === 'create-branch') {
      const r = await createBranch(db, {
        name: required(values.name, 'name'),
        committee: values.committee?.trim() || undefined,
        secretary: required(values.secretary, 'secretary'),
      })
      console.log(`已创建支部「${r.name}」（编号 ${r.id}）`)
      console.log(`书记账号的一次性登录链接（${new Date(r.expiresAt).toLocaleString('zh-CN')}前有效）：`)
      console.log(origin + joinLink(r.code))
    } else if (command === 'create-committee') {
      const r = await createCommittee(db, { name: required(values.name, 'name'), account: required(values.account, 'account') })
      console.log(`已创建「${r.name}」（编号 ${r.id}）`)
      console.log(`党委账号的一次性登录链接（${new Date(r.expiresAt).toLocaleString('zh-CN')}前有效）：`)
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
