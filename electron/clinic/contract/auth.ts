import { z } from 'zod'
import { requiredText } from './fields'
import { zodMessage } from './messages'
import { USER_ROLES } from '../domain/vocabulary'
import { isObviousPassword, isUsernamePassword } from '../rules/obviousPasswords'


export const username = z
  .string({ error: zodMessage('field_required', { field: 'username' }) })
  .trim()
  .toLowerCase()
  .min(2, { message: zodMessage('username_too_short', { min: 2 }) })
  .max(40, { message: zodMessage('field_too_long', { field: 'username', max: 40 }) })
  .regex(/^[a-z0-9._-]+$/, { message: zodMessage('username_characters') })

/** A password of at least 8 characters, or a PIN of at least 6 digits. */
export const newPassword = z
  .string({ error: zodMessage('field_required', { field: 'newPassword' }) })
  .max(200, { message: zodMessage('field_too_long', { field: 'newPassword', max: 200 }) })
  .refine((v) => /^\d{6,}$/.test(v) || v.length >= 8, {
    message: zodMessage('password_too_weak'),
  })
  .refine((v) => !isObviousPassword(v), { message: zodMessage('password_too_common') })

/** An account's password must not be its username (or the username with digits added). */
const notTheUsername = (account: { username: string; password: string }) => !isUsernamePassword(account.password, account.username)
const notTheUsernameMessage = { message: zodMessage('password_too_common'), path: ['password'] }

export const setupInput = z
  .object({
    username,
    displayName: requiredText('ownName', 100),
    password: newPassword,
  })
  .refine(notTheUsername, notTheUsernameMessage)

export const signInInput = z.object({
  username,
  password: z
    .string({ error: zodMessage('field_required', { field: 'ownPassword' }) })
    .min(1, { message: zodMessage('field_required', { field: 'ownPassword' }) })
    .max(200, { message: zodMessage('field_too_long', { field: 'ownPassword', max: 200 }) }),
})

export const createUserInput = z
  .object({
    username,
    displayName: requiredText('name', 100),
    role: z.enum(USER_ROLES, { error: zodMessage('field_choose', { field: 'role' }) }),
    password: newPassword,
  })
  .refine(notTheUsername, notTheUsernameMessage)

export const changePasswordInput = z.object({
  currentPassword: z
    .string({ error: zodMessage('field_required', { field: 'currentPassword' }) })
    .min(1, { message: zodMessage('field_required', { field: 'currentPassword' }) })
    .max(200, { message: zodMessage('field_too_long', { field: 'currentPassword', max: 200 }) }),
  newPassword,
})

/**
 * Which methods need whom: public ones work before sign-in; the rest need a signed-in user, some a clinic lead.
 * unblinded: any signed-in user except a blinded assessor (the method would show which program a runner does).
 */
export type Access = 'public' | 'signed_in' | 'clinic_lead' | 'unblinded'
