// The report's figures grouped into the cards of the report screen, each figure with last year's value beside it
// (none at all when last year has no record: a first year compared with an empty one is only noise).
import { ACTIVITY_TYPES, type ActivityTypeId } from '@shared/catalogue'
import { formatAmount, wholePercent, type Figure, type YearReport } from '@shared/report'

export interface FigureItem {
  /** stable key, also the figure's data-figure-key in the page */
  key: string
  label: string
  value: number
  unit: string
  /** last year's value, null when last year is not compiled, has no record at all, or has no such figure */
  lastYear: number | null
  recordIds: string[]
}

export interface FigureCardGroup {
  id: string
  title: string
  /** the first item is the card's headline */
  items: FigureItem[]
}

type FigurePick = (report: YearReport) => Figure | null

function item(key: string, label: string, unit: string, pick: FigurePick, report: YearReport, last: YearReport | null): FigureItem {
  const figure = pick(report)
  const before = last ? pick(last) : null
  return { key, label, unit, value: figure?.value ?? 0, lastYear: before ? before.value : null, recordIds: figure?.recordIds ?? [] }
}

function rateItem(key: string, label: string, report: YearReport, last: YearReport | null, type?: ActivityTypeId): FigureItem | null {
  const of = (r: YearReport) => (type ? r.attendance.byType[type] : r.attendance.overall)
  const now = of(report)
  if (!now || now.rate === null) return null
  const before = last ? of(last) : undefined
  return {
    key, label, unit: '%', value: wholePercent(now.rate),
    lastYear: before && before.rate !== null ? wholePercent(before.rate) : null, recordIds: now.meetings.recordIds,
  }
}

const typeCount = (t: ActivityTypeId): FigurePick => (r) => r.byType[t].count

/** Cards in the order the 履职情况 text cites them. Types that are rarely logged show only when counted. */
export function buildFigureCards(report: YearReport, lastYear: YearReport | null): FigureCardGroup[] {
  const last = lastYear && lastYear.records.value > 0 ? lastYear : null
  const it = (key: string, label: string, unit: string, pick: FigurePick) => item(key, label, unit, pick, report, last)
  const typeCard = (t: ActivityTypeId, extra: FigureItem[] = []): FigureCardGroup => ({
    id: t, title: ACTIVITY_TYPES[t].name, items: [it(`type.${t}`, ACTIVITY_TYPES[t].name, '次', typeCount(t)), ...extra],
  })
  const cards: FigureCardGroup[] = [
    typeCard('themeDay'),
    typeCard('generalMeeting'),
    typeCard('committeeMeeting'),
    typeCard('groupMeeting'),
    typeCard('partyLecture', [it('lecture.secretary', '书记讲党课', '次', (r) => r.lecturesBySpeaker.secretary)]),
    typeCard('orgLifeMeeting'),
    typeCard('democraticReview', [
      it('review.graded', '评议党员', '名', (r) => r.review.graded),
      it('review.excellent', '优秀', '名', (r) => r.review.excellent),
    ]),
    { id: 'heartTalk', title: '谈心谈话', items: [it('heartTalk.persons', '谈心谈话', '人次', (r) => r.heartTalk.persons)] },
    {
      id: 'volunteer', title: '志愿服务', items: [
        it('type.volunteer', '志愿服务', '次', (r) => r.volunteer.events),
        it('volunteer.participants', '参与', '人次', (r) => r.volunteer.participants),
        it('volunteer.hours', '时长', '小时', (r) => r.volunteer.hours),
      ],
    },
    {
      id: 'study', title: '集中学习', items: [
        it('type.study', '集中学习', '次', (r) => r.study.sessions),
        // 学时 are per member: the average from the sheets when there is one, else what a full attender earned
        report.study.hoursPerMember
          ? it('study.hoursPerMember', '人均学时', '学时', (r) => r.study.hoursPerMember)
          : it('study.creditHours', '全勤累计学时', '学时', (r) => r.study.creditHours),
      ],
    },
  ]
  for (const t of ['warningEducation', 'other'] as const) {
    if (report.byType[t].count.value > 0 || (last?.byType[t].count.value ?? 0) > 0) cards.push(typeCard(t))
  }
  const rates = [
    rateItem('attendance.overall', '平均参会率', report, last),
    ...(['themeDay', 'generalMeeting', 'committeeMeeting', 'groupMeeting', 'partyLecture'] as const)
      .map((t) => rateItem(`attendance.${t}`, ACTIVITY_TYPES[t].shortName, report, last, t)),
  ].filter((x): x is FigureItem => x !== null)
  if (rates.length > 0) cards.push({ id: 'attendance', title: '平均参会率', items: rates })
  return cards
}

/** '11' for counts, '12.5' for hours */
export function formatFigure(value: number): string {
  return formatAmount(value)
}

/** '去年 9 次' / '去年 无' */
export function lastYearText(item: FigureItem): string | null {
  if (item.lastYear === null) return null
  return `去年 ${formatFigure(item.lastYear)}${item.unit === '%' ? '%' : ` ${item.unit}`}`
}

/** '比去年多2次' / '比去年少1.5小时' / '与去年持平'; rates '比去年高5个百分点'; '' without last year */
export function deltaText(item: FigureItem): string {
  if (item.lastYear === null) return ''
  const d = Math.round((item.value - item.lastYear) * 100) / 100
  if (d === 0) return '与去年持平'
  if (item.unit === '%') return `比去年${d > 0 ? '高' : '低'}${formatFigure(Math.abs(d))}个百分点`
  return `比去年${d > 0 ? '多' : '少'}${formatFigure(Math.abs(d))}${item.unit}`
}
