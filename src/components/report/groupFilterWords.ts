import type { ComparisonFilter, SiteView } from '@clinic/contract'
import type { ReportText } from '../../i18n/report'

/** The comparison's filter in words ("Enrolled from 01.01.2026; women; demo patients left out."), for the report and the saved charts; `more` adds clauses at the end. */
export function groupFilterWords(filter: ComparisonFilter, text: ReportText, more: readonly string[] = [], site: SiteView | null = null): string {
  const t = text.t
  const parts = [
    site && t('group.site', { site: `${site.name} (${site.code})` }),
    filter.enrolledFrom && t('group.enrolledFrom', { date: text.date(filter.enrolledFrom) }),
    filter.enrolledTo && t('group.enrolledTo', { date: text.date(filter.enrolledTo) }),
    filter.sex && t('group.sex', { sex: t(`sexes.${filter.sex}`) }),
    filter.ageBand && t('group.ageBand', { band: t(`ageBands.${filter.ageBand}`) }),
    filter.runsPerWeekMin !== null && t('group.runsMin', { runs: filter.runsPerWeekMin }),
    filter.runsPerWeekMax !== null && t('group.runsMax', { runs: filter.runsPerWeekMax }),
  ].filter((part): part is string => Boolean(part))
  const who = parts.length ? parts.join('; ') : t('group.allPatients')
  return [who, t(filter.includeDemo ? 'group.demoIncluded' : 'group.demoExcluded'), ...more].join('; ') + '.'
}
