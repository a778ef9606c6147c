// Messages for a change the phone itself refuses to save (beyond the record rules in model/validate.ts).
export const LOCAL_WRITE_MESSAGES = {
  activityMissing: '这条记录不存在或已删除',
  memberMissing: '该成员不存在',
  duplicateName: (name: string) => `名册中已有“${name}”，同名的请在备注中写明区别（如所在党小组）`,
  unknownBranchMember: (name: string) => `“${name}”对应的支部名册人员不存在`,
} as const
