// How home names the day of a planned activity (计划).

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const

/**
 * How home names a planned day: '今天', '明天', '周三' within the coming week, else '12月3日'. Dates are China
 * dates (YYYY-MM-DD); the weekday is the calendar's, whatever the device's zone.
 */
export function planDayLabel(date: string, today: string): string {
  const at = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)))
  const days = Math.round((at(date) - at(today)) / 86_400_000)
  if (days === 0) return '今天'
  if (days === 1) return '明天'
  if (days > 1 && days < 7) return WEEKDAYS[new Date(at(date)).getUTCDay()]!
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
}
