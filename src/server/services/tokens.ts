import { createHash, randomBytes, randomInt } from 'node:crypto'

/** 256-bit random bearer token. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function sha256(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex')
}

// No 0/O, 1/I/L: easy to read aloud and type on a phone.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** Invite code: 10 characters from a 31-letter alphabet (~49 bits), guessing is also rate-limited. */
export function newInviteCode(): string {
  let out = ''
  for (let i = 0; i < 10; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return out
}
