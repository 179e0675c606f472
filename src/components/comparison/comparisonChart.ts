import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
  type PointStyle,
} from 'chart.js'
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue'
import type { Interval, Summary } from '@clinic/stats/types'
import type { ProgramCode } from '@clinic/domain/vocabulary'

Chart.register(LineController, BarController, CategoryScale, LinearScale, PointElement, LineElement, BarElement, Tooltip, Legend)

/** A plotted mean with its 95 % CI and n; low and high are null when n is too small for an interval. */
export interface MeanPoint {
  x: number | string
  y: number | null
  low: number | null
  high: number | null
  n: number
}

export const meanPoint = (x: number | string, summary: Summary): MeanPoint => ({
  x,
  y: summary.mean,
  low: summary.ci?.[0] ?? null,
  high: summary.ci?.[1] ?? null,
  n: summary.n,
})

/** Shape of each program's points (and of its swatch in the tables): colour is never the only cue. */
export const PROGRAM_POINT_STYLES: Record<ProgramCode, PointStyle> = { P1: 'circle', P2: 'triangle', P3: 'rectRot' }

/** The theme's colours, read from styles.css when a chart is configured (light or dark). */
export function chartTheme() {
  const css = getComputedStyle(document.documentElement)
  const colour = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback
  return {
    program: {
      P1: colour('--program-p1', '#0072b2'),
      P2: colour('--program-p2', '#d55e00'),
      P3: colour('--program-p3', '#009e73'),
    } satisfies Record<ProgramCode, string>,
    text: colour('--text', '#1d2a30'),
    muted: colour('--text-muted', '#5b6b72'),
    grid: colour('--border', '#d6dee1'),
    surface: colour('--surface', '#ffffff'),
  }
}

/** '#0072b2' at the given opacity, for translucent bars. */
export function translucent(hex: string, alpha: number): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  if (!match) return hex
  const [r, g, b] = match.slice(1).map((part) => parseInt(part, 16))
  return `rgba(${r}, ${g}, ${b}, ${alpha})`
}

/** A long axis label ("3 months after") on two lines, so five time points fit a narrow chart (the printed report). */
export function tickLines(label: string): string | string[] {
  const middle = label.length / 2
  const spaces = [...label.matchAll(/ /g)].map((m) => m.index ?? 0)
  if (label.length <= 10 || spaces.length === 0) return label
  const at = spaces.reduce((best, i) => (Math.abs(i - middle) < Math.abs(best - middle) ? i : best))
  return [label.slice(0, at), label.slice(at + 1)]
}

/** Lowest and highest value any point or CI reaches, for an axis that shows every whisker whole. */
export function extent(points: readonly MeanPoint[]): Interval {
  const values = points.flatMap((p) => [p.y, p.low, p.high]).filter((v): v is number => v !== null)
  return values.length ? [Math.min(0, ...values), Math.max(0, ...values)] : [0, 1]
}

/**
 * Draws each point's 95 % CI as a vertical whisker with caps, in the dataset's
 * colour (or the given one, e.g. the text colour over filled bars).
 */
export function ciWhiskers(colour?: string): Plugin {
  return {
    id: 'ciWhiskers',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea } = chart
      const y = chart.scales.y
      ctx.save()
      ctx.beginPath()
      ctx.rect(chartArea.left, chartArea.top, chartArea.width, chartArea.height)
      ctx.clip()
      ctx.lineWidth = 1.5
      chart.data.datasets.forEach((dataset, i) => {
        if (!chart.isDatasetVisible(i)) return
        ctx.strokeStyle = colour ?? String(dataset.borderColor)
        const points = dataset.data as unknown as (MeanPoint | null)[]
        chart.getDatasetMeta(i).data.forEach((element, j) => {
          const point = points[j]
          if (!point || point.low === null || point.high === null) return
          const top = y.getPixelForValue(point.high)
          const bottom = y.getPixelForValue(point.low)
          const cap = 5
          ctx.beginPath()
          ctx.moveTo(element.x, top)
          ctx.lineTo(element.x, bottom)
          ctx.moveTo(element.x - cap, top)
          ctx.lineTo(element.x + cap, top)
          ctx.moveTo(element.x - cap, bottom)
          ctx.lineTo(element.x + cap, bottom)
          ctx.stroke()
        })
      })
      ctx.restore()
    },
  }
}

/** Paints the canvas in the page's surface colour, so a saved PNG is readable on its own (and in dark mode). */
export const canvasBackground: Plugin = {
  id: 'canvasBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart
    ctx.save()
    ctx.fillStyle = chartTheme().surface
    ctx.fillRect(0, 0, width, height)
    ctx.restore()
  },
}

/**
 * One Chart.js chart on a canvas: created once when mounted; a new result,
 * language or follow-up replaces its data and options and redraws it without
 * animation. Returns the chart's picture as a PNG data URL for saving.
 */
export function useComparisonChart<T extends 'line' | 'bar'>(
  canvas: Readonly<Ref<HTMLCanvasElement | null>>,
  configure: () => ChartConfiguration<T, MeanPoint[], string>,
) {
  let chart: Chart<T, MeanPoint[], string> | null = null
  onMounted(() => {
    if (canvas.value) chart = new Chart(canvas.value, configure())
  })
  watch(configure, (next) => {
    if (!chart) return
    chart.data = next.data
    if (next.options) chart.options = next.options
    chart.update('none')
  })
  onBeforeUnmount(() => {
    chart?.destroy()
    chart = null
  })
  return { image: () => chart?.toBase64Image('image/png', 1) ?? null }
}
