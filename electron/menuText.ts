import { messageLanguage } from './clinic/contract/messages'

/** The application menu's words in the app's two languages, and the About text; no Electron import, so tests read them. */

export const MENU_LABELS = {
  en: {
    file: 'File', newPatient: 'New patient', printSheet: 'Print home-exercise sheet', searchPatients: 'Search patients',
    recordSession: 'Record a session', quit: 'Quit', edit: 'Edit', view: 'View', help: 'Help',
    shortcuts: 'Keyboard shortcuts', about: 'About Backstride', version: 'Version', database: 'Database',
  },
  de: {
    file: 'Datei', newPatient: 'Neuer Patient', printSheet: 'Heimübungsblatt drucken', searchPatients: 'Patienten suchen',
    recordSession: 'Einheit erfassen', quit: 'Beenden', edit: 'Bearbeiten', view: 'Ansicht', help: 'Hilfe',
    shortcuts: 'Tastenkürzel', about: 'Über Backstride', version: 'Version', database: 'Datenbank',
  },
} as const

export type MenuLabels = (typeof MENU_LABELS)[keyof typeof MENU_LABELS]
/** The desk's language decides, as for the clinic's messages in the main process (electron/clinic/contract/messages). */
export const menuLabels = (locale: string): MenuLabels => MENU_LABELS[messageLanguage(locale)]

/** The About text: what support needs to know (versions and where the records are). */
export function aboutDetail(labels: MenuLabels, versions: Record<string, string | undefined>, databaseFile: string): string {
  return [
    `${labels.version} ${versions.app}`,
    `Electron ${versions.electron}`,
    `Chrome ${versions.chrome}`,
    `Node ${versions.node}`,
    `${labels.database}: ${databaseFile}`,
  ].join('\n')
}
