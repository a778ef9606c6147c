// 公文 heading numbers: 一、 （一） 1.

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const

/** 1 → '一', 10 → '十', 12 → '十二', 20 → '二十', 99 → '九十九' */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n)
  const tens = Math.floor(n / 10)
  const ones = n % 10
  const onesText = ones > 0 ? DIGITS[ones]! : ''
  if (tens === 0) return onesText
  return `${tens === 1 ? '' : DIGITS[tens]!}十${onesText}`
}

/** Heading prefix for `level` 0, 1, 2 and 1-based `index`. */
export function headingNumber(level: number, index: number): string {
  if (level === 0) return `${chineseNumeral(index)}、`
  if (level === 1) return `（${chineseNumeral(index)}）`
  return `${index}．`
}
