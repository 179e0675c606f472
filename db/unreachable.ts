/*
 * Whether an error means the database server cannot be reached (stopped, restarting, the network
 * gone), as opposed to a fault of the request. node-postgres reports these as Node's socket errors
 * (ECONNREFUSED, ...), as PostgreSQL's connection and shutdown SQLSTATEs (class 08, 57P01-57P03), or as
 * a connection ended mid-query; Drizzle wraps each in its own error, with the original as `cause`.
 */

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE'])
/** admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down). */
const SHUTDOWN_STATES = new Set(['57P01', '57P02', '57P03'])
const ENDED = /^Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect/i

export function isStoreUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || SHUTDOWN_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true
    if (ENDED.test(current.message)) return true
    // Several addresses tried (localhost as ::1 and 127.0.0.1): Node reports them together.
    if (current instanceof AggregateError && current.errors.some(isStoreUnreachable)) return true
  }
  return false
}
