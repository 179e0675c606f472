/*
 * What the desktop app's first-start screen shares with the main process (electron/storeChoice.ts), apart
 * so that the preload and the renderer import nothing of Node: the IPC channels and the sslmode values.
 */
export const STORE_CHOICE_CHANNELS = { needed: 'storeChoice/needed', choose: 'storeChoice/choose' } as const

export const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const
export type SslMode = (typeof SSL_MODES)[number]
