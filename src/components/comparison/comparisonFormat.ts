import { useI18n } from 'vue-i18n'
import type { Interval } from '@clinic/stats/types'
import { useNumberFormat } from '../../i18n/format'
import type { MeanPoint } from './comparisonChart'

/** The comparison's figures as the tables and the charts' tooltips show them, in the current language. */
export function useComparisonFormat() {
  const { t } = useI18n()
  const numbers = useNumberFormat()
  const interval = (ci: Interval | null | undefined, digits = 2) =>
    ci ? t('comparison.interval', { lower: numbers.fixed(ci[0], digits), upper: numbers.fixed(ci[1], digits) }) : '—'
  /** A Wilson interval of a percentage (0–100): "69.0% to 95.7%". */
  const percentInterval = (ci: Interval | null | undefined) =>
    ci ? t('comparison.interval', { lower: numbers.percent(ci[0]), upper: numbers.percent(ci[1]) }) : '—'
  /** "P1 Leg strength: 5.07 (95 % CI 4.42 to 5.72), n = 28" */
  const pointLabel = (program: string, point: MeanPoint) =>
    point.low === null || point.high === null
      ? t('comparison.tooltipNoCi', { program, mean: numbers.fixed(point.y), n: numbers.count(point.n) })
      : t('comparison.tooltip', {
          program,
          mean: numbers.fixed(point.y),
          interval: interval([point.low, point.high]),
          n: numbers.count(point.n),
        })
  return { ...numbers, interval, percentInterval, pointLabel }
}
