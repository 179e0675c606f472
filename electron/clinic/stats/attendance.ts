import { SUPERVISED_SESSIONS_PLANNED } from './constants'
import type { AttendanceRecord, AttendanceSummary } from './types'

/** Mean supervised sessions attended out of SUPERVISED_SESSIONS_PLANNED, and drop-outs, among the given patients. */
export function summarizeAttendance(records: readonly AttendanceRecord[]): AttendanceSummary {
  const n = records.length
  let attended = 0
  let droppedOut = 0
  for (const record of records) {
    attended += record.supervisedAttended
    if (record.droppedOut) droppedOut++
  }
  if (n === 0) {
    return { n, sessionsPlanned: SUPERVISED_SESSIONS_PLANNED, meanAttended: null, meanAttendedPercentage: null, droppedOut, dropOutPercentage: null }
  }
  const meanAttended = attended / n
  return {
    n,
    sessionsPlanned: SUPERVISED_SESSIONS_PLANNED,
    meanAttended,
    meanAttendedPercentage: (100 * meanAttended) / SUPERVISED_SESSIONS_PLANNED,
    droppedOut,
    dropOutPercentage: (100 * droppedOut) / n,
  }
}
