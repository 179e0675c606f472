import type { ClinicStore } from '../../../db/client'
import type { Catalogue } from './catalogue'

export interface ServiceContext {
  store: ClinicStore
  catalogue: Catalogue
  /** Who is making the changes: the signed-in user's username (the OS user on the command line). */
  readonly actor: string
  /** Today's local date, YYYY-MM-DD. */
  today: () => string
  /** The current instant, ISO-8601 UTC. */
  now: () => string
}
