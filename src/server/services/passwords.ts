// Password hashing with scrypt (N=2^15, r=8, p=1: ~32 MiB and tens of milliseconds per hash), stored as
// scrypt$N$r$p$salt$hash (base64url). Verification is constant-time.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { passwordProblem } from '../../shared/accountRules'

const N = 1 << 15
const R = 8
const P = 1
const KEY_LEN = 32

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LEN, { N: n, r, p, maxmem: 256 * n * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    )
  })
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, N, R, P)
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p))
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** A hash to verify against when the user does not exist, so timing does not reveal which usernames exist. */
let dummyHash: Promise<string> | null = null
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password')
  return dummyHash
}

/**
 * Common passwords, from the maintained list that ships with zxcvbn-ts (@zxcvbn-ts/language-common,
 * "passwords-common", ~49,000 entries ranked by frequency in leaked password sets). Loaded on first use.
 */
let commonPasswords: Promise<ReadonlySet<string>> | null = null
function loadCommonPasswords(): Promise<ReadonlySet<string>> {
  commonPasswords ??= import('@zxcvbn-ts/language-common').then(({ dictionary }) =>
    new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase())))
  return commonPasswords
}

export async function isCommonPassword(password: string): Promise<boolean> {
  return (await loadCommonPasswords()).has(password.normalize('NFKC').toLowerCase())
}

/** Why a new password will not do (Chinese), or null. */
export async function newPasswordProblem(password: string, username: string): Promise<string | null> {
  const problem = passwordProblem(password, username)
  if (problem) return problem
  return await isCommonPassword(password) ? '这个密码太常见，容易被猜中，请换一个' : null
}
