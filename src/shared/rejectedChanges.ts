// Why a queued change will never be sent, as stored on the phone, and how that reads. A refused change carries the
// server's own message (already 简体中文, shown as it came) or one of the phone's own codes below.
import type { SyncEntity } from './sync/mutation'

/** The server refused the change without saying why. */
export const UNEXPLAINED_REFUSAL = 'local:unexplained'
/** Made for the branch this phone was signed in to before; never sent to the current one. */
export const PARKED_FOR_OTHER_BRANCH = 'local:other-branch'

const REASON_TEXT: ReadonlyMap<string, string> = new Map([
  [UNEXPLAINED_REFUSAL, '服务器拒绝了这项修改'],
  [PARKED_FOR_OTHER_BRANCH, '这是登录另一个支部之前记的修改，没有上传到现在的支部'],
])

/** Display text of a stored reason: a local code's text, or the server's message itself. */
export function rejectionText(reason: string): string {
  return REASON_TEXT.get(reason) ?? (reason.trim() === '' ? '服务器拒绝了这项修改' : reason)
}

const UNNAMED_SUBJECT: Record<SyncEntity, string> = { activity: '一条活动记录', member: '名册中的一人', settings: '支部设置' }

/** What a refused change was about: its topic or name, or a generic description of the entity. */
export function rejectedChangeTitle(change: { entity: SyncEntity; subject: string | null }): string {
  return change.entity === 'settings' ? UNNAMED_SUBJECT.settings : (change.subject ?? UNNAMED_SUBJECT[change.entity])
}
