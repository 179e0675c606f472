import { userInfo } from 'node:os'
import type { DeskSession } from './auth/deskSession'
import { CHANNELS, type AuthStatus, type Channel, type Group, type Handlers, type SignedInUser } from './contract'
import { accessOf } from './contract/access'
import { ClinicError } from './errors'
import { coded } from './contract/messages'

/** Refuses a call the desk's user may not make; a permitted call keeps the session from locking. */
export function authorize(session: DeskSession, channel: Channel): void {
  const access = accessOf(channel)
  if (access === 'public') return
  const user = session.current()
  if (!user) throw new ClinicError('unauthorized', coded('sign_in_required'))
  if (access === 'clinic_lead' && user.role !== 'clinic_lead') {
    throw new ClinicError('forbidden', coded('clinic_lead_only'))
  }
  if (access === 'unblinded' && user.role === 'assessor') {
    throw new ClinicError('forbidden', coded('assessor_blinded'))
  }
  session.touch()
}

/** Any one method of the clinic API, as the transports call it. */
export type Handler = (input: never) => Promise<unknown>

/**
 * Stable handlers for the transports: each checks who may call it (with
 * authentication 'required'), then calls the handler `target` gives now, so the
 * transports always reach the database that is open now.
 */
export function guardedHandlers(options: {
  target: (group: Group, method: string) => Handler
  session: DeskSession
  authentication: 'required' | 'none'
  /** The actor named when nobody signs in (authentication 'none'). */
  actor: string | undefined
  /** With authentication 'none': the name the served pages show for the user (a printed report's signer). */
  displayName: string
  /**
   * Where several desks share one database (a server): the clinic's current sign-in epoch, which a
   * restore replaces (SIGN_IN_EPOCH_SETTING). A desk whose user signed in under another epoch is
   * signed out at its next call, as the desk that restored is.
   */
  signInEpoch?: () => Promise<string | null>
}): Handlers {
  const { target, session, authentication, signInEpoch } = options
  /** The epoch this desk's current sign-in was made under. */
  let signedInUnder: { signIn: number; epoch: string | null } | null = null
  const guarded: Record<string, Record<string, Handler>> = {}
  for (const channel of CHANNELS) {
    const [group, method] = channel.split('/') as [Group, string]
    guarded[group] ??= {}
    guarded[group][method] = async (input) => {
      const epoch = authentication === 'required' && signInEpoch ? await signInEpoch() : undefined
      if (epoch !== undefined && signedInUnder && signedInUnder.signIn === session.signInNumber() && signedInUnder.epoch !== epoch) session.signOut()
      if (authentication === 'required') authorize(session, channel)
      try {
        return await target(group, method)(input)
      } finally {
        const signIn = session.signInNumber()
        if (epoch !== undefined && signIn !== null && signedInUnder?.signIn !== signIn) signedInUnder = { signIn, epoch }
      }
    }
  }
  if (authentication === 'none') {
    // Nobody signs in on the command line: the renderer it serves (a printed report) sees the OS user as a clinic lead.
    const status = guarded.auth.status
    guarded.auth.status = async (input) => {
      const current = (await status(input)) as AuthStatus
      return { ...current, user: current.user ?? commandLineUser(options.actor, options.displayName) }
    }
  }
  return guarded as unknown as Handlers
}

/** Who works with authentication 'none': the OS user, with a clinic lead's rights, shown by the name given (none by default). */
function commandLineUser(actor: string | undefined, displayName: string): SignedInUser {
  let username = actor ?? 'command-line'
  try {
    username = actor ?? userInfo().username
  } catch {
    // no OS user name (some containers): keep the fallback
  }
  return { username, displayName, role: 'clinic_lead' }
}
