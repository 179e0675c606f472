import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ApiError, HomeSheet } from '@clinic/contract'
import { addDaysTo, type LocalDate } from '@clinic/rules/calendar'
import { PROGRAM_WEEKS } from '@clinic/rules/programWeek'
import { api } from '../api/client'
import { isOneOf, LANGUAGES, type Language } from '@clinic/domain/vocabulary'

/** The week and language asked for in the address (?week=3&lang=de); null means the API's default. */
export interface SheetChoice {
  week: number | null
  language: Language | null
}

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value)

export function sheetChoiceOf(query: Record<string, unknown>): SheetChoice {
  const week = Number(single(query.week))
  const language = single(query.lang)
  return {
    week: Number.isInteger(week) && week >= 1 && week <= PROGRAM_WEEKS ? week : null,
    language: isOneOf(LANGUAGES, language) ? language : null,
  }
}

/** A runner's home-exercise sheet for one program week, as printed. */
export const useSheetStore = defineStore('sheet', () => {
  const sheet = ref<HomeSheet | null>(null)
  const error = ref<ApiError | null>(null)
  const loading = ref(false)
  /** From the runner's record: the log table shows the dates of the sheet's week, and the week selector marks today's. */
  const program = ref<{ startDate: LocalDate; currentWeek: number | null } | null>(null)
  const patientId = ref<number | null>(null)
  let latest = 0

  async function load(id: number, choice: SheetChoice) {
    const call = ++latest
    const samePatient = patientId.value === id
    if (!samePatient) {
      sheet.value = null
      program.value = null
      patientId.value = id
    }
    loading.value = true
    const [result] = await Promise.all([
      api.sheets.home({ patientId: id, week: choice.week, language: choice.language }),
      samePatient && program.value ? null : loadProgram(id),
    ])
    if (call !== latest) return // a newer week or language was chosen meanwhile
    loading.value = false
    sheet.value = result.ok ? result.value : null
    error.value = result.ok ? null : result.error
  }

  async function loadProgram(id: number) {
    const result = await api.patients.get({ patientId: id })
    const assignment = result.ok ? result.value.assignment : null
    program.value = result.ok && assignment ? { startDate: assignment.startDate, currentWeek: result.value.currentWeek } : null
  }

  /** Opening the sheet reads the runner's record again (it may have changed, e.g. by a restore). */
  function forget() {
    patientId.value = null
    sheet.value = null
    program.value = null
    error.value = null
  }

  /** The seven days of the sheet's program week (week 1 starts on the program's start date). */
  const weekDays = computed<LocalDate[] | null>(() => {
    if (!sheet.value || !program.value) return null
    const first = addDaysTo(program.value.startDate, (sheet.value.week - 1) * 7)
    return Array.from({ length: 7 }, (_, day) => addDaysTo(first, day))
  })

  return { sheet, error, loading, patientId, program, weekDays, load, forget }
})
