import type { Coded } from '@clinic/contract/messages'
import { defineStore } from 'pinia'
import { computed, reactive, ref, watch } from 'vue'
import { enrollInput, type FieldError } from '@clinic/contract'
import { todayLocal } from '@clinic/rules/calendar'
import { RED_FLAG_GROUPS, screeningOutcome, type RedFlag, type RedFlagGroup } from '@clinic/rules/redFlags'
import { api } from '../api/client'
import { check, fieldErrorsOf, stillWrong, type FieldErrors } from '../api/fieldErrors'
import { ENROLLMENT_STEPS, enrollInputOf, moveDatesWithEnrollment, newEnrollmentDraft, stepOfPath, type EnrollmentStep } from './enrollmentDraft'

/** The enrollment form: one draft through six steps, saved with one call. */
export const useEnrollmentStore = defineStore('enrollment', () => {
  const draft = reactive(newEnrollmentDraft(todayLocal()))
  const step = ref<EnrollmentStep>('details')
  const errors = ref<FieldErrors>({})
  /** A message for the whole form: an i18n key, or an API message. */
  const general = ref<{ key: string } | Coded | null>(null)
  const saving = ref(false)

  const answers = computed(() =>
    Object.fromEntries(Object.entries(draft.answers).filter(([, v]) => v !== null)) as Partial<Record<RedFlag, boolean>>,
  )
  const outcome = computed(() => screeningOutcome(answers.value))
  const programBlocked = computed(() => outcome.value !== 'clear' && !draft.clearanceReceived)
  const stepIndex = computed(() => ENROLLMENT_STEPS.indexOf(step.value))

  // A back-dated enrollment: the baseline, clearance, start and consent dates still on the old day move with it.
  watch(
    () => draft.enrolledOn,
    (to, from) => {
      if (from && to) moveDatesWithEnrollment(draft, from, to)
    },
  )

  // A field's message goes away as soon as the field is right; new messages wait for Next or Save.
  watch(
    draft,
    () => {
      if (Object.keys(errors.value).length === 0) return
      errors.value = stillWrong(errors.value, validate())
    },
    { deep: true },
  )

  function answerNone(group: RedFlagGroup) {
    for (const flag of RED_FLAG_GROUPS[group]) draft.answers[flag] = false
  }

  function reset() {
    Object.assign(draft, newEnrollmentDraft(todayLocal()))
    step.value = 'details'
    errors.value = {}
    general.value = null
  }

  /** Starts the form for a patient who was imported but not yet enrolled, with the stored details. */
  async function startFor(patientId: number): Promise<boolean> {
    reset()
    const result = await api.patients.details({ patientId })
    if (!result.ok || result.value.enrolled) {
      general.value = result.ok ? { key: 'enrollment.alreadyEnrolled' } : result.error
      return false
    }
    const { patient } = result.value
    draft.patientId = patient.patientId
    Object.assign(draft.patient, {
      clinicId: patient.clinicId,
      firstName: patient.firstName,
      lastName: patient.lastName,
      dateOfBirth: patient.dateOfBirth,
      sex: patient.sex,
      phone: patient.phone ?? '',
      email: patient.email ?? '',
      preferredLanguage: patient.preferredLanguage,
    })
    return true
  }

  function validate() {
    return check(enrollInput, enrollInputOf(draft, programBlocked.value))
  }

  /** Checks the current step; moves on when its fields are fine. */
  function next() {
    const result = validate()
    const stepErrors = result.ok ? [] : result.error.fields.filter((f) => stepOfPath(f.path) === step.value)
    errors.value = fieldErrorsOf(stepErrors)
    general.value = null
    if (stepErrors.length === 0 && stepIndex.value < ENROLLMENT_STEPS.length - 1) {
      step.value = ENROLLMENT_STEPS[stepIndex.value + 1]
    }
  }

  function back() {
    if (stepIndex.value > 0) step.value = ENROLLMENT_STEPS[stepIndex.value - 1]
  }

  function showErrors(fields: FieldError[]) {
    errors.value = fieldErrorsOf(fields)
    const first = fields.map((f) => stepOfPath(f.path)).find((s) => s !== null)
    if (first) step.value = first
  }

  /** Saves the enrollment; returns the new patient's id, or null with the errors shown. */
  async function save(): Promise<number | null> {
    const checked = validate()
    if (!checked.ok) {
      showErrors(checked.error.fields)
      general.value = { key: 'common.fixFields' }
      return null
    }
    saving.value = true
    const result = await api.patients.enroll(checked.value)
    saving.value = false
    if (result.ok) return result.value.patientId
    showErrors(result.error.fields)
    general.value = result.error
    return null
  }

  return {
    draft,
    step,
    stepIndex,
    errors,
    general,
    saving,
    outcome,
    programBlocked,
    answerNone,
    reset,
    startFor,
    next,
    back,
    save,
  }
})
