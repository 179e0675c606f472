/** IPC channels of desktop printing (see print.ts); shared by the main process and the preload. */
export const PRINT_CHANNELS = { dialog: 'print/dialog', savePdf: 'print/savePdf' } as const
