// The layer rules are enforced by the tools, not by habit: type-checking src/shared with the shared project's
// settings rejects DOM and Node globals, and lint rejects imports across the phone/server boundary.
import { ESLint } from 'eslint'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')

function typeErrorsInShared(source: string): string[] {
  const configPath = join(root, 'tsconfig.shared.json')
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })
  if (!config) throw new Error('tsconfig.shared.json could not be read')
  const probe = join(root, 'src/shared/layer-probe.ts')
  const host = ts.createCompilerHost(config.options)
  const readFile = host.readFile.bind(host)
  host.readFile = (file) => (file === probe ? source : readFile(file))
  host.fileExists = ((exists) => (file: string) => file === probe || exists(file))(host.fileExists.bind(host))
  const program = ts.createProgram({ rootNames: [probe], options: config.options, host })
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(probe))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
}

async function lintMessages(filePath: string, source: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root })
  const [result] = await eslint.lintText(source, { filePath: join(root, filePath) })
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`)
}

describe('layers', () => {
  it('src/shared cannot use the DOM or Node', () => {
    expect(typeErrorsInShared(`export const ok = [1, 2].includes(1)\n`)).toEqual([])
    expect(typeErrorsInShared(`export const t = document.title\n`).join()).toMatch(/document/)
    expect(typeErrorsInShared(`export const e = process.env.HOME\n`).join()).toMatch(/process/)
  })

  it('lint refuses imports across layers', async () => {
    const existing = 'src/client/report/clipboard.ts'
    expect(await lintMessages(existing, `import { createApp } from '../../server/app'\nexport const a = createApp\n`))
      .toEqual([expect.stringMatching(/no-restricted-imports: .*must not import from src\/server/)])
    // the server's route types may be used (erased from the bundle), its code may not
    expect(await lintMessages(existing, `import type { AppType } from '../../server/app'\nexport type A = AppType\n`)).toEqual([])
    expect(await lintMessages('src/server/services/audit.ts', `import { getDb } from '@client/db/connection'\nexport const d = getDb\n`))
      .toEqual([expect.stringMatching(/must not import from src\/client/)])
    expect(await lintMessages('src/shared/dates.ts', `import { getDb } from '../client/db/connection'\nexport const d = getDb\n`))
      .toEqual([expect.stringMatching(/must not import from src\/client/)])
  }, 60_000)

  it('lint refuses a promise nobody awaits', async () => {
    const messages = await lintMessages('src/client/report/clipboard.ts',
      `async function save(): Promise<void> {}\nexport function onTap(): void { save() }\n`)
    expect(messages).toEqual([expect.stringMatching(/no-floating-promises/)])
  }, 60_000)
})
