import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import type { AgeBand, ApiError, ComparisonFilter, DeliveryResult, GroupComparisonResult, InputOf } from '@clinic/contract'
import { api } from '../api/client'
import { fieldErrorsOf, type FieldErrors } from '../api/fieldErrors'
import type { AnalysisSet, FollowUpTimePoint, ProgramCode } from '@clinic/domain/vocabulary'
import { useProgramVersionsStore } from './programVersions'
import { defaultFollowUp, FALLBACK_FOLLOW_UP } from '../components/comparison/defaultFollowUp'

/** Typing in a number box asks the clinic once the lead pauses this long. */
export const FILTER_DEBOUNCE_MS = 150

type Sex = ComparisonFilter['sex']

/**
 * The group comparison's filter and its result. The clinic computes every
 * figure; the result is held shallow (it is replaced whole, never edited).
 */
export const useComparisonStore = defineStore('comparison', () => {
  const enrolledFrom = ref('')
  const enrolledTo = ref('')
  const sex = ref<Sex>(null)
  const ageBand = ref<AgeBand | null>(null)
  const runsPerWeekMin = ref<number | null>(null)
  const runsPerWeekMax = ref<number | null>(null)
  const includeDemo = ref(false)
  /** Only runners enrolled at this site (the filter shows once the clinic has a second site); null: every site. */
  const siteId = ref<number | null>(null)
  /** all, intention to treat, or per protocol (the last two: randomised runners only). */
  const analysisSet = ref<AnalysisSet>('all')
  /** Follow-ups outside their window (protocol deviations): included, or left out of the scores. */
  const outOfWindow = ref<ComparisonFilter['outOfWindow']>('include')
  /** One version chosen per program (program + version); a program left out counts every version's runners. */
  const versionChoice = ref<Partial<Record<ProgramCode, number | null>>>({})
  const versions = useProgramVersionsStore()
  /** The versions compared: every version of a program without a choice, the chosen one of the others; null when nothing is chosen. */
  const programVersionIds = (): number[] | null => {
    const chosen = Object.values(versionChoice.value).filter((id): id is number => typeof id === 'number')
    if (!chosen.length) return null
    return versions.versions
      .filter((v) => {
        const choice = versionChoice.value[v.code]
        return typeof choice === 'number' ? choice === v.programVersionId : true
      })
      .map((v) => v.programVersionId)
  }
  /**
   * The follow-up the change, responder and test figures are shown for: the latest with data in
   * every group (defaultFollowUp) until the lead picks one.
   */
  const followUp = ref<FollowUpTimePoint>(FALLBACK_FOLLOW_UP)
  const followUpChosen = ref(false)
  function chooseFollowUp(timePoint: FollowUpTimePoint) {
    followUp.value = timePoint
    followUpChosen.value = true
  }

  const result = shallowRef<GroupComparisonResult | null>(null)
  /** Adherence and fidelity per program, for the same filter. */
  const delivery = shallowRef<DeliveryResult | null>(null)
  const errors = ref<FieldErrors>({})
  const problem = ref<ApiError | null>(null)
  const loading = ref(false)
  /** The adherence and fidelity of the current filter are still being read (they come after the comparison). */
  const deliveryLoading = ref(false)

  const input = (): InputOf<'outcomes', 'compare'> => ({
    enrolledFrom: enrolledFrom.value || null,
    enrolledTo: enrolledTo.value || null,
    sex: sex.value,
    ageBand: ageBand.value,
    runsPerWeekMin: runsPerWeekMin.value,
    runsPerWeekMax: runsPerWeekMax.value,
    includeDemo: includeDemo.value,
    analysisSet: analysisSet.value,
    outOfWindow: outOfWindow.value,
    programVersionIds: programVersionIds(),
    siteId: siteId.value,
  })

  let request = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  /**
   * The comparison first, then adherence and fidelity: the clinic answers one
   * request at a time, and the latter reads every session's exercises, so the
   * charts and tables are not kept waiting for it.
   */
  async function load() {
    clearTimeout(timer)
    const mine = ++request
    const filter = input()
    loading.value = true
    deliveryLoading.value = true
    const answer = await api.outcomes.compare(filter)
    if (mine !== request) return // a newer filter has been sent meanwhile
    loading.value = false
    if (!answer.ok) {
      deliveryLoading.value = false
      errors.value = fieldErrorsOf(answer.error.fields)
      problem.value = answer.error.kind === 'validation' ? null : answer.error
      return
    }
    result.value = answer.value
    if (!followUpChosen.value) followUp.value = defaultFollowUp(answer.value.comparison)
    errors.value = {}
    problem.value = null
    const delivered = await api.outcomes.fidelity(filter)
    if (mine !== request) return
    deliveryLoading.value = false
    delivery.value = delivered.ok ? delivered.value : null
  }

  let started = false
  /**
   * Each visit reads the comparison again (sessions may have been recorded since).
   * On the first, demo data is included when the clinic holds some: the view then says so in a banner.
   */
  function start(hasDemoData: boolean) {
    if (started) return void load()
    includeDemo.value = hasDemoData // before started: the watcher below (synchronous) leaves it to this load
    started = true
    void load()
    void versions.load()
  }
  // Made with the store, not in start(): a watcher made there belonged to the view that called it
  // and stopped when the view was left, so after a second visit a change of filter asked nothing.
  watch([enrolledFrom, enrolledTo, sex, ageBand, runsPerWeekMin, runsPerWeekMax, includeDemo, analysisSet, outOfWindow, versionChoice, siteId], () => {
    if (!started) return
    clearTimeout(timer)
    timer = setTimeout(() => void load(), FILTER_DEBOUNCE_MS)
  }, { flush: 'sync' })

  return {
    enrolledFrom,
    enrolledTo,
    sex,
    ageBand,
    runsPerWeekMin,
    runsPerWeekMax,
    includeDemo,
    siteId,
    analysisSet,
    outOfWindow,
    versionChoice,
    followUp,
    chooseFollowUp,
    result,
    delivery,
    errors,
    problem,
    loading,
    deliveryLoading,
    start,
    load,
  }
})
