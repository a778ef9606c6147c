// A member of the branch roster, from which attendance is picked.
import * as z from 'zod/mini'
import { PARTY_ROLE_IDS } from '../roles'
import { idSchema, instantSchema, requiredText, text } from './fields'

export const memberFieldsSchema = z.object({
  name: requiredText(30, '姓名'),
  role: z.enum(PARTY_ROLE_IDS),
  /** 党小组 name; empty when the branch has no groups */
  group: text(30, '党小组'),
  /** Former members stay on the roster so old attendance sheets still show their names. */
  active: z.boolean(),
  /**
   * 备注 telling apart two members of the same name, shown with the name everywhere: 王芳（第二党小组）
   * (memberLabel in model/memberLabel.ts). Optional: most names are unique.
   */
  note: z.optional(text(20, '备注')),
  /** Display order on the roster */
  order: z.number().check(z.int()),
})

export type MemberFields = z.infer<typeof memberFieldsSchema>

export const memberSchema = z.object({
  ...memberFieldsSchema.shape,
  id: idSchema,
  createdAt: instantSchema,
  updatedAt: instantSchema,
  deleted: z.boolean(),
})

export type Member = z.infer<typeof memberSchema>
