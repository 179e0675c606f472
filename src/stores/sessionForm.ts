import type { Coded } from '@clinic/contract/messages'
import { defineStore } from 'pinia'
import { reactive, ref, watch } from 'vue'
import { recordSessionInput, type PatientRecord, type Prescription } from '@clinic/contract'
import { todayLocal } from '@clinic/rules/calendar'
import { api } from '../api/client'
import { check, fieldErrorsOf, stillWrong, type FieldErrors } from '../api/fieldErrors'

/** One prescribed exercise as done in the session; pre-filled with the prescription. */
export interface ExerciseDone {
  exercise: Prescription['exercises'][number]
  done: boolean
  sets: number | null
  reps: number | null
  holdSeconds: number | null
  durationMinutes: number | null
  loadKg: number | null
}

export interface SessionDraft {
  sessionDate: string
  attended: boolean | null
  missedReason: string
  painBefore: number | null
  painAfter: number | null
  notes: string
  takeAssessment: boolean
  runningPain: number | null
  ratings: Record<number, number | null>
}

const newDraft = (): SessionDraft => ({
  sessionDate: todayLocal(),
  attended: true,
  missedReason: '',
  painBefore: null,
  painAfter: null,
  notes: '',
  takeAssessment: true,
  runningPain: null,
  ratings: {},
})

function exerciseDone(exercise: Prescription['exercises'][number]): ExerciseDone {
  const { sets, repsMin, repsMax, holdSeconds, durationSeconds } = exercise.dosage
  return {
    exercise,
    done: true,
    sets,
    reps: repsMax ?? repsMin,
    holdSeconds,
    durationMinutes: durationSeconds === null ? null : durationSeconds / 60,
    loadKg: null,
  }
}

/** The session form: the week's prescription, what was done, pain and (when due) runability. */
export const useSessionFormStore = defineStore('sessionForm', () => {
  const draft = reactive(newDraft())
  const prescription = ref<Prescription | null>(null)
  const exercises = ref<ExerciseDone[]>([])
  const errors = ref<FieldErrors>({})
  const general = ref<{ key: string } | Coded | null>(null)
  const saving = ref(false)
  let request = 0
  let shownFor: PatientRecord | null = null

  // A field's message goes away as soon as the field is right.
  watch([draft, exercises], () => {
    if (shownFor && Object.keys(errors.value).length) errors.value = stillWrong(errors.value, check(recordSessionInput, inputOf(shownFor)))
  }, { deep: true })

  function reset() {
    Object.assign(draft, newDraft())
    prescription.value = null
    exercises.value = []
    errors.value = {}
    general.value = null
  }

  /** Reads the prescription for the session's date (the week and any assessment due change with it). */
  async function loadPrescription(enrollmentId: number) {
    const mine = ++request
    const result = await api.sessions.prescription({ enrollmentId, sessionDate: draft.sessionDate })
    if (mine !== request) return
    if (!result.ok) {
      // An unfinished date: keep the last prescription; the date field says what is wrong.
      errors.value = fieldErrorsOf(result.error.fields)
      return
    }
    const { sessionDate: _date, ...kept } = errors.value
    errors.value = kept
    prescription.value = result.value
    exercises.value = result.value.exercises.map(exerciseDone)
  }

  function inputOf(record: PatientRecord) {
    const attended = draft.attended
    const due = prescription.value?.assessmentDue ?? null
    return {
      enrollmentId: record.enrollmentId,
      kind: 'supervised',
      sessionDate: draft.sessionDate,
      attended,
      missedReason: attended === false ? draft.missedReason || null : null,
      painBefore: attended ? draft.painBefore : null,
      painAfter: attended ? draft.painAfter : null,
      notes: draft.notes || null,
      exercises: attended
        ? exercises.value
            .filter((e) => e.done)
            .map((e) => ({
              exerciseCode: e.exercise.exerciseCode,
              doneSets: e.sets,
              doneReps: e.reps,
              doneHoldSeconds: e.holdSeconds,
              doneDurationSeconds: e.durationMinutes === null ? null : Math.round(e.durationMinutes * 60),
              doneLoadKg: e.loadKg,
            }))
        : [],
      assessment:
        attended && due && draft.takeAssessment
          ? {
              timePoint: due,
              runningPain: draft.runningPain,
              ratings: record.activities.map((a) => ({ activityId: a.activityId, rating: draft.ratings[a.activityId] ?? null })),
            }
          : null,
    }
  }

  /** Saves the session; true when saved, otherwise the errors are shown next to the fields. */
  async function save(record: PatientRecord): Promise<boolean> {
    shownFor = record
    const checked = check(recordSessionInput, inputOf(record))
    if (!checked.ok) {
      errors.value = fieldErrorsOf(checked.error.fields)
      general.value = { key: 'common.fixFields' }
      return false
    }
    saving.value = true
    const result = await api.sessions.record(checked.value)
    saving.value = false
    if (result.ok) return true
    errors.value = fieldErrorsOf(result.error.fields)
    general.value = result.error
    return false
  }

  return { draft, prescription, exercises, errors, general, saving, reset, loadPrescription, save }
})
