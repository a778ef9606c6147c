// What push needs from a branch's settings record (the settings entity's record whose id is the branch id).
import type { Queryable } from '../storage/db'
import { parseJsonObject } from './records'

/** The branch's 党小组 names; none when the branch has no settings yet or lists none. */
export async function loadBranchGroups(q: Queryable, branchId: string): Promise<string[]> {
  const row = await q.one<{ data: string }>(
    `SELECT data FROM records WHERE branch_id = $1 AND entity = 'settings' AND id = $1 AND deleted = 0`, [branchId])
  const groups = row ? parseJsonObject(row.data).groups : undefined
  return Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : []
}
