// Deterministic synthetic years for benchmarks and load tests: the same (n, year, seed) always gives the same
// records. Not for anything a user sees.
import type { ActivityTypeId } from '../catalogue'
import { monthRange } from '../dates'
import type { ActivityRecord } from '../model/activity'
import type { Member } from '../model/member'
import { PARTY_ROLE_IDS, SPEAKER_ROLE_IDS, TALK_PAIR_IDS, isCommitteeRole } from '../roles'

/** mulberry32: a small, fast 32-bit PRNG, good enough for fixtures. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SYNTHETIC_TYPE_MIX: readonly (readonly ActivityTypeId[])[] = [
  ['committeeMeeting'], ['committeeMeeting'], ['themeDay'], ['themeDay', 'generalMeeting'], ['generalMeeting'],
  ['groupMeeting'], ['groupMeeting'], ['partyLecture'], ['themeDay', 'partyLecture'], ['heartTalk'], ['heartTalk'],
  ['volunteer'], ['themeDay', 'volunteer'], ['study'], ['study'], ['warningEducation'], ['orgLifeMeeting'],
  ['democraticReview'], ['other'],
]

export function makeSyntheticRoster(size: number, seed: number): Member[] {
  const random = seededRandom(seed ^ 0x5eed)
  const roster: Member[] = []
  for (let i = 0; i < size; i++) {
    const role = i < 5 ? PARTY_ROLE_IDS[i]! : random() < 0.9 ? 'member' : 'probationary'
    roster.push({
      id: `syn-member-${String(i).padStart(4, '0')}`, name: `党员${i + 1}`, role, group: `第${(i % 3) + 1}党小组`,
      active: true, order: i, createdAt: '2020-01-01T00:00:00.000Z', updatedAt: '2020-01-01T00:00:00.000Z', deleted: false,
    })
  }
  return roster
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!
}

/**
 * `n` records spread over `year`, about 1% deleted and 5% 补录, with attendance from a roster of `rosterSize`
 * made by makeSyntheticRoster(rosterSize, seed).
 */
export function makeSyntheticYear(n: number, year: number, seed: number, rosterSize = 30): ActivityRecord[] {
  const random = seededRandom(seed)
  const roster = makeSyntheticRoster(rosterSize, seed)
  const everyone = roster.map((m) => m.id)
  const committee = roster.filter((m) => isCommitteeRole(m.role)).map((m) => m.id)
  const records: ActivityRecord[] = []
  for (let i = 0; i < n; i++) {
    const types = pick(SYNTHETIC_TYPE_MIX, random)
    const month = 1 + Math.floor(random() * 12)
    const lastDay = Number(monthRange(year, month)[1].slice(8))
    const day = 1 + Math.floor(random() * lastDay)
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    const stamp = `${date}T02:00:00.000Z`
    const record: ActivityRecord = {
      id: `syn-${seed}-${String(i).padStart(7, '0')}`, types: [...types], date, place: '党员活动室',
      topic: `第${i + 1}次活动`, host: '党员1', recorder: '党员2', summary: '', resolution: '', photoIds: [],
      createdBy: 'syn-member-0000', createdAt: stamp, updatedAt: stamp,
      backfilled: random() < 0.05, deleted: random() < 0.01,
    }
    const hasSheet = types.some((t) => t !== 'heartTalk' && t !== 'volunteer' && t !== 'other' && t !== 'warningEducation')
    if (hasSheet) {
      const expected = types.includes('committeeMeeting') ? committee : everyone
      const away = expected.filter(() => random() < 0.1)
      const leave = away.filter(() => random() < 0.7)
      const leaveSet = new Set(leave)
      record.attendance = {
        expected: [...expected], leave: leave.map((memberId) => ({ memberId, reason: '因公请假' })),
        absent: away.filter((id) => !leaveSet.has(id)), observers: '',
      }
    }
    if (types.includes('partyLecture')) record.lecture = { speaker: '党员1', speakerRole: pick(SPEAKER_ROLE_IDS, random) }
    if (types.includes('heartTalk')) {
      record.talk = { talker: '党员1', target: '党员3', pair: pick(TALK_PAIR_IDS, random), mode: '当面', personCount: 1 + Math.floor(random() * 3) }
    }
    if (types.includes('volunteer')) {
      record.volunteer = { participants: 5 + Math.floor(random() * 20), hours: Math.floor(random() * 40) / 2, beneficiaries: Math.floor(random() * 50) }
    }
    if (types.includes('study')) record.study = { creditHours: 1 + Math.floor(random() * 4) }
    if (types.includes('democraticReview')) record.evaluation = { excellent: 3, qualified: rosterSize - 4, basicallyQualified: 1, unqualified: 0 }
    records.push(record)
  }
  return records
}
