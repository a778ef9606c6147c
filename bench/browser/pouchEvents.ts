// A small Node-style EventEmitter for the PouchDB bench bundle: pouchdb-browser imports 'events', which is not
// installed here. Methods are enumerable because PouchDB copies `Object.keys(EE.prototype)` onto its constructor.
type Listener = (...args: unknown[]) => void

export default class EventEmitter {
  static defaultMaxListeners = 10
  private _events?: Map<string | symbol, Listener[]>

  private table(): Map<string | symbol, Listener[]> {
    this._events ??= new Map()
    return this._events
  }

  static listenerCount(emitter: EventEmitter, type: string | symbol): number {
    return emitter.listenerCount(type)
  }

  on(type: string | symbol, listener: Listener): this {
    const list = this.table().get(type)
    if (list) list.push(listener)
    else this.table().set(type, [listener])
    return this
  }

  addListener(type: string | symbol, listener: Listener): this {
    return this.on(type, listener)
  }

  prependListener(type: string | symbol, listener: Listener): this {
    this.table().set(type, [listener, ...(this.table().get(type) ?? [])])
    return this
  }

  once(type: string | symbol, listener: Listener): this {
    const wrapped: Listener & { listener?: Listener } = (...args) => {
      this.removeListener(type, wrapped)
      listener.apply(this, args)
    }
    wrapped.listener = listener
    return this.on(type, wrapped)
  }

  removeListener(type: string | symbol, listener: Listener): this {
    const list = this.table().get(type)
    if (!list) return this
    const i = list.findIndex((l) => l === listener || (l as { listener?: Listener }).listener === listener)
    if (i >= 0) list.splice(i, 1)
    if (list.length === 0) this.table().delete(type)
    return this
  }

  off(type: string | symbol, listener: Listener): this {
    return this.removeListener(type, listener)
  }

  removeAllListeners(type?: string | symbol): this {
    if (type === undefined) this.table().clear()
    else this.table().delete(type)
    return this
  }

  emit(type: string | symbol, ...args: unknown[]): boolean {
    const list = this.table().get(type)
    if (!list || list.length === 0) {
      if (type === 'error') throw args[0] instanceof Error ? args[0] : new Error(`Unhandled error event: ${String(args[0])}`)
      return false
    }
    for (const l of [...list]) l.apply(this, args)
    return true
  }

  listeners(type: string | symbol): Listener[] {
    return (this.table().get(type) ?? []).map((l) => (l as { listener?: Listener }).listener ?? l)
  }

  listenerCount(type: string | symbol): number {
    return this.table().get(type)?.length ?? 0
  }

  setMaxListeners(_n: number): this {
    return this
  }

  getMaxListeners(): number {
    return EventEmitter.defaultMaxListeners
  }

  eventNames(): (string | symbol)[] {
    return [...this.table().keys()]
  }
}

for (const key of Object.getOwnPropertyNames(EventEmitter.prototype)) {
  if (key !== 'constructor' && key !== 'table') Object.defineProperty(EventEmitter.prototype, key, { enumerable: true })
}
