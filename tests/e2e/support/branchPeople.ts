// A branch with people in it, set up the way people do it: the secretary opens the server's one-time link, enters
// the roster and hands out invites; members join from their own phones.
import { expect, type Browser, type Page } from '@playwright/test'
import { addRoster } from './app'
import { phoneContext, type BranchServer } from './branchServer'

export async function openSecretaryPhone(browser: Browser, server: BranchServer, branchName: string, secretary: string): Promise<Page> {
  const link = server.cliLink(['create-branch', '--name', branchName, '--secretary', secretary])
  const sec = await (await phoneContext(browser, server.origin)).newPage()
  await sec.goto(link)
  await expect(sec.getByTestId('join-branch')).toHaveText(branchName)
  await sec.locator('input[name="username"]').fill('shuji')
  await sec.locator('input[name="password"]').fill('secret-pass-1')
  await sec.getByTestId('join-submit').click()
  await expect(sec.getByTestId('signed-in')).toContainText(secretary)
  return sec
}

/** The secretary enters the roster and waits until it has reached the server. */
export async function enterRoster(sec: Page, secretary: string, others: string[]): Promise<void> {
  await addRoster(sec, secretary, others)
  await expect(sec.getByTestId('pending-badge')).toHaveCount(0, { timeout: 20_000 })
}

/** A fresh invite code for `uses` people. */
export async function inviteCode(sec: Page, uses = 1): Promise<string> {
  await sec.goto('/account')
  await sec.locator('select[name="inviteUses"]').selectOption(String(uses))
  await sec.getByTestId('create-invite').click()
  const code = (await sec.getByTestId('invite-code').textContent())?.trim() ?? ''
  expect(code.length).toBeGreaterThanOrEqual(6)
  return code
}

/** On `page`, join with `code` as the roster's `name`; resolves once the join form is submitted. */
export async function submitJoin(page: Page, code: string, name: string, username: string): Promise<void> {
  await page.goto(`/join?code=${code}`)
  await page.getByRole('button', { name, exact: true }).click()
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill('member-pass-1')
  await page.getByTestId('join-submit').click()
}
