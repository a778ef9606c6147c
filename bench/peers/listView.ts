// The bare month list the peers' save-to-visible renders: one row per record, newest first, the saved one marked.
export interface ListedRecord { id: string; date: string; topic?: unknown }

export function renderList(container: HTMLElement, rows: ListedRecord[], highlight: string | null): void {
  const sorted = [...rows].sort((a, b) => b.date.localeCompare(a.date))
  container.replaceChildren(...sorted.map((r) => {
    const item = document.createElement('a')
    item.className = r.id === highlight ? 'item highlighted' : 'item'
    item.dataset.activityId = r.id
    item.textContent = `${r.date} ${String(r.topic ?? '')}`
    return item
  }))
}

/** Resolves with the time from `start` to the moment an element for `id` is in the document. */
export function whenVisible(id: string, start: number): Promise<number> {
  return new Promise((resolve) => {
    const found = () => document.querySelector(`[data-activity-id="${id}"]`)
    const observer = new MutationObserver(() => {
      if (found()) { observer.disconnect(); resolve(performance.now() - start) }
    })
    observer.observe(document.body, { childList: true, subtree: true })
  })
}

/** A new record for this month, shaped like the synced ones. */
export function newRecord(like: Record<string, unknown>, n: number): Record<string, unknown> & ListedRecord {
  const now = new Date()
  const date = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-01`
  const id = `peer-save-${Date.now()}-${n}`
  return { ...like, id, date, topic: `保存测试 ${n}`, createdAt: now.toISOString(), updatedAt: now.toISOString(), deleted: false }
}

export function monthOf(date: string): [string, string] {
  return [`${date.slice(0, 7)}-01`, `${date.slice(0, 7)}-31`]
}
