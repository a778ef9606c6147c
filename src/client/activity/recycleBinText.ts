// The one sentence that says how long 回收站 keeps a deleted record (src/client/db/recycleBin.ts).
import { RECYCLE_BIN_DAYS } from '@client/db/recycleBin'

export const RECYCLE_BIN_NOTE = `${RECYCLE_BIN_DAYS}天内可在回收站恢复。`
