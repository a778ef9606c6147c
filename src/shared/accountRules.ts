// Rules for usernames and passwords, shared by the sign-up forms and the server.
// Usernames are NFKC-normalised and may use only Han characters, ASCII letters, digits and _ . - : that is the
// "highly restrictive" level of Unicode's mixed-script guidance (UTS #39) for a Chinese product, and it refuses
// lookalikes (Cyrillic "а" for Latin "a"), invisible characters (zero-width space, joiners, direction marks) and
// full-width forms, which NFKC turns into their ASCII equivalents first. The server also refuses passwords found
// in a common-password list (src/server/services/passwords.ts).

export const USERNAME_MIN = 2
export const USERNAME_MAX = 32
export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128

const USERNAME_ALLOWED = /^[\p{Script=Han}A-Za-z0-9_.-]+$/u
// Format and control characters (zero-width space and joiners, direction marks, BOM) and the Hangul fillers that
// render as nothing. Invisible combining marks (variation selectors, U+034F) fail USERNAME_ALLOWED anyway.
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0]/u

/** The form a username is stored and compared in: NFKC, trimmed. (Lookups also lower-case it.) */
export function normalizeUsername(raw: string): string {
  return raw.normalize('NFKC').trim()
}

/** Why `raw` cannot be a username, in Chinese; null when it can. */
export function usernameProblem(raw: string): string | null {
  const name = normalizeUsername(raw)
  if (INVISIBLE.test(raw)) return '登录名不能含不可见字符'
  if ([...name].length < USERNAME_MIN) return `登录名至少${USERNAME_MIN}个字`
  if ([...name].length > USERNAME_MAX) return `登录名不能超过${USERNAME_MAX}个字`
  if (!USERNAME_ALLOWED.test(name)) return '登录名只能用汉字、英文字母、数字和 _ . -'
  return null
}

/** Why `password` is too weak, in Chinese; null when it will do. `username` is the account's login name. */
export function passwordProblem(password: string, username = ''): string | null {
  const chars = [...password]
  if (chars.length < PASSWORD_MIN) return `密码至少${PASSWORD_MIN}位`
  if (chars.length > PASSWORD_MAX) return `密码不能超过${PASSWORD_MAX}位`
  if (password.trim().length === 0) return '密码不能全是空格'
  if (new Set(chars).size === 1) return '密码不能是同一个字符重复'
  const name = normalizeUsername(username).toLowerCase()
  const normalized = password.normalize('NFKC').toLowerCase()
  if (name && (normalized === name || normalized.includes(name) && name.length >= 4)) return '密码不能与登录名相同或包含登录名'
  if (isSequence(normalized)) return '密码不能是连续的数字或字母'
  return null
}

/** 12345678, 87654321, abcdefgh: a run that steps by one all the way. */
function isSequence(value: string): boolean {
  if (value.length < PASSWORD_MIN) return false
  const codes = [...value].map((c) => c.codePointAt(0) ?? 0)
  const step = (codes[1] ?? 0) - (codes[0] ?? 0)
  if (step !== 1 && step !== -1) return false
  return codes.every((code, i) => i === 0 || code - (codes[i - 1] ?? 0) === step)
}
