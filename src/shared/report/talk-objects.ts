// With whom the year's 谈心谈话 were held, as the report names them: "与班子成员、部门负责人和中心员工开展各类谈心谈话".
// A record's 谈话对象 is used when it names a group of people (班子成员, 部门负责人); a personal name is never put into
// the report, so otherwise the pair type gives the object (支委之间 → 支委班子成员).
import type { TalkInfo } from '../model/activity'
import type { TalkPair } from '../roles'

/** The object named for each pair type when the record's own 谈话对象 cannot be used. */
export const TALK_PAIR_OBJECTS: Readonly<Record<TalkPair, string>> = {
  committeeCommittee: '支委班子成员',
  committeeMember: '党员',
  memberMember: '党员',
  memberMasses: '群众',
}

/** Words that mark a 谈话对象 as a group of people rather than one person's name. */
const GROUP_WORDS = /(成员|负责人|员工|职工|党员|群众|干部|委员|同志|居民|村民|代表|积极分子|对象|骨干|班子)$/

/** At most this many objects are named; the rest are left to "各类". */
export const MAX_TALK_OBJECTS = 4

/** The object phrase of one talk record: its 谈话对象 when that is a group noun, else its pair type's. */
export function talkObjectOf(talk: Pick<TalkInfo, 'target' | 'pair'>): string {
  const target = talk.target.trim()
  if (target.length > 0 && target.length <= 12 && GROUP_WORDS.test(target) && !/[、，,]/.test(target)) return target
  return TALK_PAIR_OBJECTS[talk.pair]
}

/** Distinct objects in first-seen order, at most MAX_TALK_OBJECTS. */
export function addTalkObject(objects: string[], talk: Pick<TalkInfo, 'target' | 'pair'>): void {
  const object = talkObjectOf(talk)
  if (!objects.includes(object) && objects.length < MAX_TALK_OBJECTS) objects.push(object)
}

/** '班子成员' · '班子成员和党员' · '班子成员、部门负责人和中心员工' */
export function joinObjects(objects: readonly string[]): string {
  if (objects.length <= 1) return objects[0] ?? ''
  return `${objects.slice(0, -1).join('、')}和${objects[objects.length - 1]!}`
}
