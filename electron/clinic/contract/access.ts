import type { Access } from './auth'
import type { Channel } from './index'

/**
 * Who may call what. Every method needs a signed-in user unless listed here as
 * public; account management, clinic settings and restoring a backup need a
 * clinic lead.
 */
export const ACCESS: Partial<Record<Channel, Access>> = {
  'app/info': 'public',
  'auth/status': 'public',
  'auth/setup': 'public',
  'auth/signIn': 'public',
  'auth/signOut': 'public',
  'users/list': 'clinic_lead',
  'users/create': 'clinic_lead',
  'users/archive': 'clinic_lead',
  'settings/updateClinic': 'clinic_lead',
  'backups/restore': 'clinic_lead',
}

export const accessOf = (channel: Channel): Access => ACCESS[channel] ?? 'signed_in'
