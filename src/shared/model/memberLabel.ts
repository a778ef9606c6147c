// How a roster member's name is shown everywhere (lists, attendance sheets, exports): the name, and the
// distinguishing note when there is one — 王芳（第二党小组）. Kept apart from member.ts (no zod: the first download).

export interface LabelledMember {
  name: string
  /** 备注 that tells two members of the same name apart (e.g. their 党小组) */
  note?: string
}

export function memberLabel(m: LabelledMember): string {
  const name = m.name.trim()
  const note = m.note?.trim() ?? ''
  return note === '' ? name : `${name}（${note}）`
}
