/**
 * The text of a spreadsheet saved as CSV. Excel's "CSV (comma delimited)" on a
 * German Windows writes Windows-1252, not UTF-8: bytes that are not valid UTF-8
 * are read as Windows-1252, so "Müller" stays "Müller" either way.
 * Browser-safe (TextDecoder only): the renderer can use it on a chosen file's bytes.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('windows-1252').decode(bytes)
  }
}
