import { describe, expect, it } from 'vitest'
import { isMenuCommand, MENU_COMMANDS, shortcutFor, shortcutLabel, SHORTCUTS, type KeyPress } from '../../electron/menuCommands'
import { aboutDetail, MENU_LABELS, menuLabels } from '../../electron/menuText'

const press = (over: Partial<KeyPress>): KeyPress => ({
  code: '',
  key: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...over,
})

describe('menu commands and their shortcuts', () => {
  it('gives every command exactly one shortcut, and no two shortcuts the same accelerator', () => {
    expect(SHORTCUTS.map((s) => s.command).sort()).toEqual([...MENU_COMMANDS].sort())
    expect(new Set(SHORTCUTS.map((s) => s.accelerator)).size).toBe(SHORTCUTS.length)
  })

  it("keeps clear of the browser's essentials: no Ctrl/Cmd with N, T, W, R, P, L, F or Q", () => {
    for (const s of SHORTCUTS) expect(s.accelerator).not.toMatch(/^(CmdOrCtrl|Ctrl|Cmd)\+[NTWRPLFQ]$/)
  })

  it('lets the menu handle only combinations with a modifier, never a key typed into a note', () => {
    for (const s of SHORTCUTS) expect(s.menuHandles).toBe(Boolean(s.alt || s.mod))
  })

  it('accepts only the fixed command names from the menu channel', () => {
    expect(isMenuCommand('new-patient')).toBe(true)
    expect(isMenuCommand('patients/delete')).toBe(false)
    expect(isMenuCommand(42)).toBe(false)
  })

  it('reads Alt+N by key position (Option+N types "˜" on a Mac), Ctrl+K on Linux and Cmd+K on a Mac, and "?"', () => {
    expect(shortcutFor(press({ code: 'KeyN', key: '˜', altKey: true }), true)?.command).toBe('new-patient')
    expect(shortcutFor(press({ code: 'KeyK', key: 'k', ctrlKey: true }), false)?.command).toBe('focus-search')
    expect(shortcutFor(press({ code: 'KeyK', key: 'k', metaKey: true }), true)?.command).toBe('focus-search')
    expect(shortcutFor(press({ code: 'KeyK', key: 'k', ctrlKey: true }), true)).toBeNull()
    expect(shortcutFor(press({ code: 'Minus', key: '?', shiftKey: true }), false)?.command).toBe('show-shortcuts')
    expect(shortcutFor(press({ code: 'KeyN', key: 'n' }), false)).toBeNull()
    expect(shortcutFor(press({ code: 'KeyN', key: 'N', altKey: true, ctrlKey: true }), false)).toBeNull()
  })

  it('shows the keys as the platform writes them', () => {
    const search = SHORTCUTS.find((s) => s.command === 'focus-search')!
    expect(shortcutLabel(search, false)).toBe('Ctrl+K')
    expect(shortcutLabel(search, true)).toBe('⌘K')
    expect(shortcutLabel(SHORTCUTS.find((s) => s.command === 'new-patient')!, false)).toBe('Alt+N')
  })
})

describe('menu text', () => {
  it('has every label in German too, chosen by the system locale', () => {
    expect(Object.keys(MENU_LABELS.de).sort()).toEqual(Object.keys(MENU_LABELS.en).sort())
    expect(menuLabels('de-AT').file).toBe('Datei')
    expect(menuLabels('en-GB').file).toBe('File')
  })

  it('puts the versions and the database path in the About box', () => {
    const text = aboutDetail(MENU_LABELS.en, { app: '0.1.0', electron: '45.5.0', chrome: '140', node: '22' }, '/data/backstride.sqlite')
    expect(text).toBe('Version 0.1.0\nElectron 45.5.0\nChrome 140\nNode 22\nDatabase: /data/backstride.sqlite')
  })
})
