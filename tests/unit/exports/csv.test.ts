import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { toCsvText } from '@clinic/exports/csv'
import { sessionsForm } from '@clinic/exports/statisticsCsv'
import { session, twoRunners } from './dataset'

describe('CSV text', () => {
  it('is RFC 4180 after a byte-order mark: a header row, CRLF line ends, quotes only around fields that need them', () => {
    const text = toCsvText({ fileName: 'x.csv', columns: ['a', 'b', 'c'], types: ['text', 'text', 'text'], rows: [['plain', 'with, comma', 'say "hi"']] })
    expect(text).toBe('\uFEFFa,b,c\r\nplain,"with, comma","say ""hi"""\r\n')
  })

  it('writes a missing value as an empty field and booleans as true/false', () => {
    const text = toCsvText({ fileName: 'x.csv', columns: ['n', 'flag', 'missing'], types: ['number', 'boolean', 'text'], rows: [[4.33, false, null]] })
    expect(text).toBe('\uFEFFn,flag,missing\r\n4.33,false,\r\n')
  })

  it('separates with semicolons and writes a decimal comma when asked, quoting a field that holds a semicolon', () => {
    const text = toCsvText(
      { fileName: 'x.csv', columns: ['a', 'b', 'n', 'k'], types: ['text', 'text', 'number', 'integer'], rows: [['Knie; Hüfte', 'a, b', 6.25, 12]] },
      'semicolon',
    )
    expect(text).toBe('\uFEFFa;b;n;k\r\n"Knie; Hüfte";a, b;6,25;12\r\n')
  })

  it('reads back with csv-parse to the same values, line breaks and umlauts included', () => {
    const data = twoRunners()
    data.sessions.push(session({ sessionId: 1002, attended: false, missedReason: 'Knie: Schmerzen\nnach Lauf, müde', painBefore: null, painAfter: null }))
    const table = sessionsForm(data)
    const text = toCsvText(table)
    expect(text.startsWith('\uFEFF')).toBe(true)
    const [header, ...rows] = parse(text, { bom: true }) as string[][]
    expect(header).toEqual(table.columns)
    expect(rows).toEqual(table.rows.map((row) => row.map((v) => (v === null ? '' : String(v)))))
  })
})
