import type { ClinicStore } from '../../../db/client'
import type { Catalogue } from './catalogue'

export interface ServiceContext {
  store: ClinicStore
  catalogue: Catalogue
  /** Who is making the changes (the signed-in therapist; the OS user until accounts exist). */
  actor: string
  /** Today's local date, YYYY-MM-DD. */
  today: () => string
  /** The current instant, ISO-8601 UTC. */
  now: () => string
}
