// Chart.js, loaded when the report screen draws its charts and not before; only the bar and line parts are
// registered. Animation is off for people who ask for reduced motion and under test automation (screenshots of a
// half-drawn chart are useless).
import type { Chart as ChartType } from 'chart.js'

let loading: Promise<typeof ChartType> | null = null

export function loadChart(): Promise<typeof ChartType> {
  loading ??= import('chart.js').then((m) => {
    m.Chart.register(
      m.BarController, m.BarElement, m.LineController, m.LineElement, m.PointElement,
      m.CategoryScale, m.LinearScale, m.Legend, m.Tooltip,
    )
    return m.Chart
  }).catch((e: unknown) => {
    loading = null
    throw e
  })
  return loading
}

export function chartsShouldAnimate(): boolean {
  if (typeof navigator !== 'undefined' && navigator.webdriver) return false
  if (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches) return false
  return true
}
