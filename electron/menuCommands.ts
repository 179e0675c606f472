/**
 * The commands the desk can be given from the application menu (Electron) or
 * the keyboard (both modes), and their shortcuts: one table read by the menu's
 * accelerators, the preload's narrow `onMenuCommand` bridge, the renderer's
 * keyboard handler and the "Keyboard shortcuts" help. No Electron import, so
 * tests and the renderer can read it.
 *
 * Keys avoid the browser's own essentials in browser mode (Ctrl+N new window,
 * Ctrl+R reload, Ctrl+P print page): Alt+letter and Ctrl/Cmd+K are free in Chromium.
 */

export const MENU_COMMAND_CHANNEL = 'menu/command'

export const MENU_COMMANDS = ['new-patient', 'record-session', 'print-sheet', 'focus-search', 'show-shortcuts'] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]

export const isMenuCommand = (value: unknown): value is MenuCommand =>
  typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value)

export interface Shortcut {
  command: MenuCommand
  /** KeyboardEvent.code of the key: layout- and Option-key-proof (Alt+N types "˜" on a Mac). */
  code: string
  /** The key as typed, for keys whose code depends on the layout ("?" is Shift+/ or Shift+ß). */
  key?: string
  alt?: boolean
  /** Ctrl on Windows and Linux, Cmd on macOS. */
  mod?: boolean
  /** Electron accelerator shown in (and, if `menuHandles`, handled by) the application menu. */
  accelerator: string
  /**
   * The menu handles the key itself. A bare key such as "?" must not be a menu
   * accelerator: the menu would swallow it while the therapist types a note.
   */
  menuHandles: boolean
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'new-patient', code: 'KeyN', alt: true, accelerator: 'Alt+N', menuHandles: true },
  { command: 'record-session', code: 'KeyS', alt: true, accelerator: 'Alt+S', menuHandles: true },
  { command: 'print-sheet', code: 'KeyP', alt: true, accelerator: 'Alt+P', menuHandles: true },
  { command: 'focus-search', code: 'KeyK', mod: true, accelerator: 'CmdOrCtrl+K', menuHandles: true },
  { command: 'show-shortcuts', code: 'Slash', key: '?', accelerator: 'Shift+/', menuHandles: false },
]

export const shortcutOf = (command: MenuCommand): Shortcut => SHORTCUTS.find((s) => s.command === command)!

/** The key combination as shown to the therapist: "Alt+N", "Ctrl+K" / "⌘K", "?". */
export function shortcutLabel(shortcut: Shortcut, mac: boolean): string {
  if (shortcut.key) return shortcut.key
  const key = shortcut.code.replace(/^Key/, '')
  if (mac) return `${shortcut.alt ? '⌥' : ''}${shortcut.mod ? '⌘' : ''}${key}`
  return [shortcut.mod ? 'Ctrl' : null, shortcut.alt ? 'Alt' : null, key].filter(Boolean).join('+')
}

export interface KeyPress {
  code: string
  key: string
  altKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
}

/** The shortcut a key press means, if any. */
export function shortcutFor(press: KeyPress, mac: boolean): Shortcut | null {
  const mod = mac ? press.metaKey : press.ctrlKey
  const otherMod = mac ? press.ctrlKey : press.metaKey
  return (
    SHORTCUTS.find((s) =>
      s.key
        ? press.key === s.key && !press.altKey && !press.ctrlKey && !press.metaKey
        : press.code === s.code && !!s.alt === press.altKey && !!s.mod === mod && !otherMod && !press.shiftKey,
    ) ?? null
  )
}
