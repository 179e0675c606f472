import type { Coded } from '@clinic/contract/messages'
import { defineStore } from 'pinia'
import { computed, reactive, ref, watch } from 'vue'
import { recordSessionInput, type PatientRecord, type Prescription } from '@clinic/contract'
import { todayLocal } from '@clinic/rules/calendar'
import { measureTakenAt } from '@clinic/domain/vocabulary'
import { api } from '../api/client'
import { check, fieldErrorsOf, stillWrong, type FieldErrors } from '../api/fieldErrors'
import { useAuthStore } from './auth'

/** One prescribed exercise as done in the session; pre-filled with the prescription. Unticked: recorded as not done. */
export interface ExerciseDone {
  exercise: Prescription['exercises'][number]
  done: boolean
  sets: number | null
  reps: number | null
  holdSeconds: number | null
  durationMinutes: number | null
  loadKg: number | null
  notDoneReason: string
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
  /** Optional at week 4 and week 8: repetitions in the 30-second sit-to-stand test (drafts kept from before have none). */
  sitToStandReps?: number | null
}

/** What the desk keeps of an unsaved session form (localStorage, this desk only): the fields and each exercise as entered. */
interface StoredSessionDraft {
  savedAt: string
  draft: SessionDraft
  exercises: Record<string, Omit<ExerciseDone, 'exercise'>>
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
  sitToStandReps: null,
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
    notDoneReason: '',
  }
}

const entered = ({ exercise: _exercise, ...values }: ExerciseDone) => values
const draftKey = (username: string, enrollmentId: number) => `backstride-session-draft:${username}:${enrollmentId}`

function readStored(key: string): StoredSessionDraft | null {
  try {
    const raw = localStorage.getItem(key)
    return raw ? (JSON.parse(raw) as StoredSessionDraft) : null
  } catch {
    // A draft this version cannot read is dropped: the form starts afresh.
    localStorage.removeItem(key)
    return null
  }
}

/**
 * The session form: the week's prescription, what was done, pain and (when due) runability.
 * Like the enrollment draft it lives in this store while the desk is locked or the therapist looks
 * elsewhere; it is also kept in this desk's localStorage per signed-in user and runner, so a reload
 * keeps it too, until it is saved or discarded.
 */
export const useSessionFormStore = defineStore('sessionForm', () => {
  const auth = useAuthStore()
  const draft = reactive(newDraft())
  const prescription = ref<Prescription | null>(null)
  const exercises = ref<ExerciseDone[]>([])
  const errors = ref<FieldErrors>({})
  const general = ref<{ key: string } | Coded | null>(null)
  const saving = ref(false)
  /** When the draft shown was restored from this desk: the time it was last changed. */
  const restoredFrom = ref<string | null>(null)
  /** The day the server said already has a supervised session: the form asks whether to record another. */
  const sameDay = ref<string | null>(null)
  let request = 0
  let shownFor: PatientRecord | null = null
  let key: string | null = null
  /** Exercises as entered in a restored draft, put back once the prescription has loaded. */
  let pendingExercises: StoredSessionDraft['exercises'] | null = null
  /** The form as first shown (a new draft with the prescription): anything else is a change worth keeping. */
  const pristine = ref('')

  const snapshot = () => JSON.stringify({ draft, exercises: exercises.value.map(entered) })
  const hasChanges = computed(() => pristine.value !== '' && snapshot() !== pristine.value)

  // A field's message goes away as soon as the field is right.
  watch([draft, exercises], () => {
    if (shownFor && Object.keys(errors.value).length) errors.value = stillWrong(errors.value, check(recordSessionInput, inputOf(shownFor)))
  }, { deep: true })

  // Every change is kept on this desk at once: the lock, a reload or a crash loses nothing typed.
  watch([draft, exercises, hasChanges], () => {
    if (!key || pendingExercises) return
    if (!hasChanges.value) return localStorage.removeItem(key)
    const stored: StoredSessionDraft = {
      savedAt: new Date().toISOString(),
      draft,
      exercises: Object.fromEntries(exercises.value.map((e) => [e.exercise.exerciseCode, entered(e)])),
    }
    localStorage.setItem(key, JSON.stringify(stored))
  }, { deep: true })

  function clear() {
    Object.assign(draft, newDraft())
    prescription.value = null
    exercises.value = []
    errors.value = {}
    general.value = null
    sameDay.value = null
    restoredFrom.value = null
    pristine.value = ''
    pendingExercises = null
    shownFor = null
  }

  /** Opens the form for a runner's enrollment: their unsaved draft on this desk, or a new one. */
  function open(enrollmentId: number) {
    const username = auth.user?.username
    const next = username ? draftKey(username, enrollmentId) : null
    if (next && next === key && pristine.value !== '') return // still in memory (locked, or back from another screen)
    clear()
    key = next
    const stored = key ? readStored(key) : null
    if (stored) {
      Object.assign(draft, { ...newDraft(), ...stored.draft })
      pendingExercises = stored.exercises
      restoredFrom.value = stored.savedAt
    }
  }

  /** Throws the draft away, here and on this desk, and starts a new one. */
  function discard() {
    if (key) localStorage.removeItem(key)
    key = null
    clear()
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
    const { sessionDate: _date, ...otherErrors } = errors.value
    errors.value = otherErrors
    const firstLoad = pristine.value === ''
    // What was entered stays: from a restored draft, or from this form when the week is the same
    // (the prescription is read again after the lock, or when the date moves within the week).
    const entries =
      pendingExercises ??
      (prescription.value?.week === result.value.week
        ? Object.fromEntries(exercises.value.map((e) => [e.exercise.exerciseCode, entered(e)]))
        : {})
    pendingExercises = null
    prescription.value = result.value
    const fresh = result.value.exercises.map(exerciseDone)
    if (firstLoad) {
      pristine.value = JSON.stringify({ draft: { ...newDraft(), sessionDate: draft.sessionDate }, exercises: fresh.map(entered) })
    }
    exercises.value = fresh.map((entry) => Object.assign(entry, entries[entry.exercise.exerciseCode] ?? {}))
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
      // Every prescribed exercise is recorded: an unticked one as not done, which counts as zero in fidelity.
      exercises: attended
        ? exercises.value.map((e) =>
            e.done
              ? {
                  exerciseCode: e.exercise.exerciseCode,
                  doneSets: e.sets,
                  doneReps: e.reps,
                  doneHoldSeconds: e.holdSeconds,
                  doneDurationSeconds: e.durationMinutes === null ? null : Math.round(e.durationMinutes * 60),
                  doneLoadKg: e.loadKg,
                }
              : { exerciseCode: e.exercise.exerciseCode, notDone: true, notDoneReason: e.notDoneReason || null },
          )
        : [],
      // The therapist was told the day already has a supervised session and chose to record another.
      confirmedSameDay: sameDay.value === draft.sessionDate,
      assessment:
        attended && due && draft.takeAssessment
          ? {
              timePoint: due,
              runningPain: draft.runningPain,
              ratings: record.activities.map((a) => ({ activityId: a.activityId, rating: draft.ratings[a.activityId] ?? null })),
              sitToStandReps: measureTakenAt('sitToStandReps', due) ? (draft.sitToStandReps ?? null) : null,
            }
          : null,
    }
  }

  /** Saves the session; true when saved (the draft is then gone), otherwise the errors are shown next to the fields. */
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
    if (result.ok) {
      sameDay.value = null
      discard()
      return true
    }
    if (result.error.code === 'session_same_day') {
      // Not an error: a question. Saving again (the same day) records the second session.
      sameDay.value = draft.sessionDate
      errors.value = {}
      general.value = null
      return false
    }
    errors.value = fieldErrorsOf(result.error.fields)
    general.value = result.error
    return false
  }

  return {
    draft,
    prescription,
    exercises,
    errors,
    general,
    saving,
    sameDay,
    restoredFrom,
    hasChanges,
    open,
    discard,
    loadPrescription,
    save,
  }
})
