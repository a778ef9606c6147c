// Number formatting for report text: exact figures, amounts without trailing zeros.

/** 12 → '12', 12.5 → '12.5', 12.25 → '12.25', 0.1 + 0.2 → '0.3' */
export function formatAmount(value: number): string {
  return String(Math.round(value * 100) / 100)
}
