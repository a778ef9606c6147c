// The words that open the year's counted sentences: "今年以来，" only while the year is still running; a past year
// (述职 is often in January) reads "全年" or "2026年，".
export const OPENER_CHOICES = ['auto', 'sinceStart', 'year', 'wholeYear', 'none'] as const
export type OpenerChoice = (typeof OPENER_CHOICES)[number]

/** What each choice is called in the options. */
export function openerChoiceLabel(choice: OpenerChoice, year: number): string {
  switch (choice) {
    case 'auto': return '按年份自动'
    case 'sinceStart': return '今年以来，'
    case 'year': return `${year}年，`
    case 'wholeYear': return '全年'
    case 'none': return '不加'
  }
}

/** The opener for `year` read in `currentYear`. */
export function reportOpener(year: number, currentYear: number, choice: OpenerChoice = 'auto'): string {
  switch (choice) {
    case 'auto': return year >= currentYear ? '今年以来，' : '全年'
    case 'sinceStart': return '今年以来，'
    case 'year': return `${year}年，`
    case 'wholeYear': return '全年'
    case 'none': return ''
  }
}
