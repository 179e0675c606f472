/**
 * The exercise drawings (resources/illustrations/<code>.svg), bundled by Vite
 * as files of their own (not inlined into the script) that load from the app
 * itself under the CSP, in the desktop app and in browser mode alike. The
 * catalogue names each exercise's file.
 */
const urls = import.meta.glob<string>('../../../resources/illustrations/*.svg', {
  query: '?url&no-inline',
  import: 'default',
  eager: true,
})

const byFileName = new Map(Object.entries(urls).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]))

export const illustrationUrl = (fileName: string): string | null => byFileName.get(fileName) ?? null
