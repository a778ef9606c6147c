// A figure is one number a report cites plus the ids of the records behind it, so any number can be traced.

export interface Figure {
  value: number
  /** ids of the records counted or summed, in the order met (each id at most once) */
  recordIds: string[]
}

export function emptyFigure(): Figure {
  return { value: 0, recordIds: [] }
}

/** Adds `amount` from record `id`. A figure is fed each record once, so ids never repeat. */
export function addToFigure(figure: Figure, id: string, amount = 1): void {
  figure.value += amount
  figure.recordIds.push(id)
}

/** `count` empty figures, e.g. one per month. */
export function emptyFigures(count: number): Figure[] {
  return Array.from({ length: count }, emptyFigure)
}

export function recordOf<K extends string>(keys: readonly K[], make: () => Figure): Record<K, Figure> {
  const out = {} as Record<K, Figure>
  for (const k of keys) out[k] = make()
  return out
}

/** Sums of floating amounts (hours) are rounded to 2 decimals so 0.1 + 0.2 reads 0.3. */
export function roundAmount(value: number): number {
  return Math.round(value * 100) / 100
}
