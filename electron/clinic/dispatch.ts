import type { z } from 'zod'
import { CHANNELS, contract, type ApiError, type ApiResult, type Channel, type Group, type Handlers } from './contract'
import { isStoreUnreachable } from '../../db/unreachable'
import { ClinicError } from './errors'
import { coded, fieldErrorOf } from './contract/messages'

/**
 * The one entry point both transports call: finds the method for a channel,
 * validates the raw input against the contract, runs the handler, and turns
 * every outcome into an ApiResult. It never throws.
 */
export async function dispatch(
  handlers: Handlers,
  channel: string,
  rawInput: unknown,
  log: (error: unknown) => void = (error) => console.error(error),
): Promise<ApiResult<unknown>> {
  const [group, name] = channel.split('/') as [Group, string]
  const spec = Object.hasOwn(contract, group)
    ? (contract[group] as Record<string, { input: z.ZodType }>)[name]
    : undefined
  const handler = spec ? (handlers[group] as Record<string, (input: unknown) => Promise<unknown>>)[name] : undefined
  if (!spec || !handler || !Object.hasOwn(contract[group], name)) {
    return { ok: false, error: { kind: 'not_found', ...coded('unknown_method', { channel }), fields: [] } }
  }
  const parsed = spec.input.safeParse(rawInput ?? {})
  if (!parsed.success) {
    const fields = parsed.error.issues.map(fieldErrorOf)
    const first = fields[0]
    // The first field's message, its English sentence naming the field for the command line and logs.
    const said = first ? { code: first.code, params: first.params, message: first.path ? `${first.message} (${first.path})` : first.message } : coded('invalid_input')
    return { ok: false, error: { kind: 'validation', ...said, fields } as ApiError }
  }
  try {
    return { ok: true, value: await handler(parsed.data) }
  } catch (error) {
    if (error instanceof ClinicError) return { ok: false, error: error.toApiError() }
    // The server stopped or the network is gone: not a fault of the request. Every write is one
    // transaction (db/client.ts), so nothing of it was kept; the desk keeps the input and retries.
    if (isStoreUnreachable(error)) return { ok: false, error: { kind: 'unavailable', ...coded('store_unreachable'), fields: [] } }
    log(error)
    return {
      ok: false,
      error: { kind: 'internal', ...coded('internal_error'), fields: [] },
    }
  }
}

const CHANNEL_SET = new Set<string>(CHANNELS)
export const isChannel = (value: string): value is Channel => CHANNEL_SET.has(value)
