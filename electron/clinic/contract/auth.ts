import { z } from 'zod'
import { requiredText } from './fields'

export const USER_ROLES = ['therapist', 'clinic_lead', 'assessor'] as const

export const username = z
  .string({ error: 'Enter a username' })
  .trim()
  .toLowerCase()
  .min(2, { message: 'Use at least 2 characters for the username' })
  .max(40, { message: 'Keep the username under 40 characters' })
  .regex(/^[a-z0-9._-]+$/, { message: 'Use letters, digits, dots, dashes or underscores in the username' })

/** A password of at least 8 characters, or a PIN of at least 6 digits. */
export const newPassword = z
  .string({ error: 'Enter a password or PIN' })
  .max(200, { message: 'Keep the password under 200 characters' })
  .refine((v) => /^\d{6,}$/.test(v) || v.length >= 8, {
    message: 'Use a password of at least 8 characters, or a PIN of at least 6 digits',
  })

export const setupInput = z.object({
  username,
  displayName: requiredText('your name', 100),
  password: newPassword,
})

export const signInInput = z.object({
  username,
  password: z.string({ error: 'Enter your password or PIN' }).min(1, { message: 'Enter your password or PIN' }).max(200),
})

export const createUserInput = z.object({
  username,
  displayName: requiredText('the name', 100),
  role: z.enum(USER_ROLES, { error: 'Choose a role' }),
  password: newPassword,
})

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, { message: 'Enter your current password or PIN' }).max(200),
  newPassword,
})

/**
 * Which methods need whom: public ones work before sign-in; the rest need a signed-in user, some a clinic lead.
 * unblinded: any signed-in user except a blinded assessor (the method would show which program a runner does).
 */
export type Access = 'public' | 'signed_in' | 'clinic_lead' | 'unblinded'
