import { CHANNELS, type ApiResult, type Channel, type ClinicApi, type Group } from '@clinic/contract'
import { coded, type Coded } from '@clinic/contract/messages'
import type { MenuCommand } from '../../electron/menuCommands'
import type { StoreChoice } from '../../electron/storeChoice'

/**
 * The renderer's one typed client of the clinic API. In the desktop app it
 * talks to the preload bridge (Electron IPC); in browser mode it posts to the
 * loopback server with the per-launch token.
 */

export interface Transport {
  mode: 'electron' | 'browser'
  invoke(channel: Channel, input: unknown): Promise<ApiResult<unknown>>
}

/** What the preload exposes as window.backstride. */
export interface PreloadBridge {
  invoke(channel: Channel, input: unknown): Promise<ApiResult<unknown>>
  /** Desktop printing: the system print dialog, and Save as PDF (A4, margins) through a save dialog. */
  print: {
    dialog(): Promise<boolean>
    savePdf(suggestedName: string): Promise<{ saved: boolean; file: string | null }>
  }
  /** The desktop app's first start (electron/storeChoice.ts): whether the store is still to be chosen, and the choice. */
  storeChoice?: {
    needed(): Promise<boolean>
    choose(choice: StoreChoice): Promise<{ ok: true } | { ok: false; said: Coded }>
  }
  /** Commands from the application menu (electron/menuCommands.ts); returns a function that stops listening. */
  onMenuCommand?(callback: (command: MenuCommand) => void): () => void
}

declare global {
  interface Window {
    backstride?: PreloadBridge
  }
}

const TOKEN_KEY = 'backstride-token'

/** Takes the token from the URL fragment (#token=...) once, keeps it for the tab, and clears it from the address bar. */
export function browserToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1])
    history.replaceState(null, '', window.location.pathname + window.location.search)
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

/**
 * A new address with a new token pasted into an open tab (browser mode restarted on the same port)
 * changes only the fragment, so the page does not load again by itself and would go on with the old
 * token and the old state. Registered before the router (this module is imported first), this takes
 * the new token and loads the app afresh, before the router tries the fragment as a route.
 */
function startAfreshOnNewToken() {
  const onAddressChange = (event: Event) => {
    if (!/(?:^#|&)token=/.test(window.location.hash)) return
    event.stopImmediatePropagation()
    browserToken()
    window.location.reload()
  }
  window.addEventListener('popstate', onAddressChange)
  window.addEventListener('hashchange', onAddressChange)
}

export function httpTransport(token: string | null): Transport {
  return {
    mode: 'browser',
    async invoke(channel, input) {
      try {
        const response = await fetch(`/api/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-backstride-token': token ?? '' },
          body: JSON.stringify(input ?? {}),
        })
        if (response.status === 401) {
          return failure(coded('connection_no_token'))
        }
        // Too large: the server's refusal is a coded message like any other.
        if (response.status === 413) return (await response.json()) as ApiResult<unknown>
        if (!response.ok) return failure(coded('connection_refused', { status: response.status }))
        return (await response.json()) as ApiResult<unknown>
      } catch {
        return failure(coded('connection_lost'))
      }
    },
  }
}

const failure = (said: Coded): ApiResult<never> => ({ ok: false, error: { kind: 'internal', ...said, fields: [] } })

export function defaultTransport(): Transport {
  const bridge = window.backstride
  if (bridge) return { mode: 'electron', invoke: (channel, input) => bridge.invoke(channel, input) }
  startAfreshOnNewToken()
  return httpTransport(browserToken())
}

const unauthorizedListeners = new Set<() => void>()

/** Called whenever a call is refused because nobody is signed in (or the desk locked): the app shows the sign-in. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener)
  return () => unauthorizedListeners.delete(listener)
}

const reachabilityListeners = new Set<(reachable: boolean) => void>()

/**
 * Called after every call with whether the clinic's store answered: false when the database server
 * (store_unreachable) or browser mode's own server (connection_lost) cannot be reached, true on any
 * other answer. The desk shows its banner and retries (src/stores/connection.ts).
 */
export function onReachability(listener: (reachable: boolean) => void): () => void {
  reachabilityListeners.add(listener)
  return () => reachabilityListeners.delete(listener)
}

const UNREACHABLE_CODES: ReadonlySet<string> = new Set(['store_unreachable', 'connection_lost'])

/** Builds `api.patients.enroll(input)` and the rest from the contract's channel list. */
export function createClient(transport: Transport): ClinicApi {
  const api: Record<string, Record<string, (input: unknown) => Promise<ApiResult<unknown>>>> = {}
  for (const channel of CHANNELS) {
    const [group, method] = channel.split('/') as [Group, string]
    api[group] ??= {}
    api[group][method] = async (input) => {
      const result = await transport.invoke(channel, input)
      if (!result.ok && result.error.kind === 'unauthorized') unauthorizedListeners.forEach((listener) => listener())
      const reachable = result.ok || !UNREACHABLE_CODES.has(result.error.code)
      reachabilityListeners.forEach((listener) => listener(reachable))
      return result
    }
  }
  return api as unknown as ClinicApi
}

export const transport = defaultTransport()
export const api = createClient(transport)
