import type { ClinicStore } from '../../../db/client'
import type { Catalogue } from './catalogue'

export interface ServiceContext {
  store: ClinicStore
  catalogue: Catalogue
  /** Who is making the changes: the signed-in user's username (the OS user on the command line). */
  readonly actor: string
  /** The signed-in user's name as printed on sheets and reports. */
  readonly actorName: string
  /** The signed-in user is a blinded assessor: no program, week or session may reach them. */
  readonly blinded: boolean
  /** Today's local date, YYYY-MM-DD. */
  today: () => string
  /** The current instant, ISO-8601 UTC. */
  now: () => string
}
