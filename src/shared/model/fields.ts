// Small reusable field schemas with Chinese messages, shared by every model. Every message names its field.
import * as z from 'zod/mini'
import { EARLIEST_ACTIVITY_DATE, isChinaDate } from '../dates'
import { tooLongMessage } from './textMessages'

export { tooLongMessage } from './textMessages'

/**
 * A record or member id: 8–64 of A–Z, a–z, 0–9, _ and -. One check, not three: a record names every member it
 * lists by id (a meeting's 应到 of 30 members is 30 ids), so this runs dozens of times per record checked.
 */
export const idSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, '编号无效'))


function maxChars(max: number, label: string) {
  return z.maxLength(max, {
    error: (issue) => tooLongMessage(label, max, typeof issue.input === 'string' ? issue.input.length : max + 1),
  })
}

export function text(max: number, label: string) {
  return z.string().check(maxChars(max, label))
}

export function requiredText(max: number, label: string) {
  return z.string().check(
    z.refine((v) => v.trim().length > 0, `请填写${label}`),
    maxChars(max, label),
  )
}

/** An empty number box (undefined, '' or NaN) asks for the number by its name; anything else not a number says so. */
function numberSchema(label: string) {
  return z.number({
    error: (issue) => {
      const input = issue.input
      const empty = input === undefined || input === null || input === '' || (typeof input === 'number' && Number.isNaN(input))
      return empty ? `请填写${label}（数字）` : `${label}应为数字`
    },
  })
}

export function count(max: number, label: string) {
  return numberSchema(label).check(z.int(`${label}须为整数`), z.gte(0, `${label}不能为负数`), z.lte(max, `${label}不能超过${max}`))
}

export function amount(max: number, label: string) {
  return numberSchema(label).check(z.gte(0, `${label}不能为负数`), z.lte(max, `${label}不能超过${max}`))
}

/** A calendar date YYYY-MM-DD, not before 2000. The upper bound depends on "today" and is checked by callers. */
export const chinaDateSchema = z.string({ error: (issue) => (issue.input === undefined ? '请填写日期' : '日期格式应为 年-月-日') }).check(
  z.refine((v) => isChinaDate(v), '日期格式应为 年-月-日'),
  z.refine((v) => v >= EARLIEST_ACTIVITY_DATE, '日期不能早于2000年'),
)

export const timeOfDaySchema = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 时:分'))

/** ISO-8601 instant as written by Date.prototype.toISOString (device clock; for display only, never ordering). */
export const instantSchema = z.string().check(z.maxLength(40), z.refine((v) => !Number.isNaN(Date.parse(v)), '时间无效'))
