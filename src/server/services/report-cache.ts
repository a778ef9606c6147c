// Compiled committee tables kept in this process, each under the signature of what it was compiled from (the
// committee's name, every branch's id, name and version, the China date): any push to any of its branches, a
// renamed branch or a new day gives another signature, so a kept table is only ever served for exactly the records
// it was compiled from. In memory, not in the database: a new server build compiles afresh. Least recently used
// tables go first.
import { createHash } from 'node:crypto'

export class CompiledCache<T> {
  private readonly entries = new Map<string, { signature: string; value: T }>()
  constructor(private readonly capacity: number) {}

  static signature(parts: unknown): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('base64url')
  }

  get(key: string, signature: string): T | undefined {
    const hit = this.entries.get(key)
    if (!hit || hit.signature !== signature) return undefined
    this.entries.delete(key)
    this.entries.set(key, hit)
    return hit.value
  }

  set(key: string, signature: string, value: T): void {
    this.entries.delete(key)
    this.entries.set(key, { signature, value })
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!)
  }
}
