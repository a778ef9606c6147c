// Messages about text length, free of the schema library: the form shows them while typing, the schemas
// (fields.ts) when checking.

/** '主题最多200字，现在215字': a text over its limit is refused with its length, never cut. */
export function tooLongMessage(label: string, max: number, length: number): string {
  return `${label}最多${max}字，现在${length}字`
}
