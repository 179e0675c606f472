import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { toCsvText } from '@clinic/exports/csv'
import { sessionsForm } from '@clinic/exports/statisticsCsv'
import { session, twoRunners } from './dataset'

describe('CSV text', () => {
  it('is RFC 4180: a header row, CRLF line ends, quotes only around fields that need them', () => {
    const text = toCsvText({ fileName: 'x.csv', columns: ['a', 'b', 'c'], rows: [['plain', 'with, comma', 'say "hi"']] })
    expect(text).toBe('a,b,c\r\nplain,"with, comma","say ""hi"""\r\n')
  })

  it('writes a missing value as an empty field and booleans as true/false', () => {
    const text = toCsvText({ fileName: 'x.csv', columns: ['n', 'flag', 'missing'], rows: [[4.33, false, null]] })
    expect(text).toBe('n,flag,missing\r\n4.33,false,\r\n')
  })

  it('reads back with csv-parse to the same values, line breaks and umlauts included', () => {
    const data = twoRunners()
    data.sessions.push(session({ sessionId: 1002, attended: false, missedReason: 'Knie: Schmerzen\nnach Lauf, müde', painBefore: null, painAfter: null }))
    const table = sessionsForm(data)
    const text = toCsvText(table)
    expect(text.startsWith('\uFEFF')).toBe(false)
    const [header, ...rows] = parse(text) as string[][]
    expect(header).toEqual(table.columns)
    expect(rows).toEqual(table.rows.map((row) => row.map((v) => (v === null ? '' : String(v)))))
  })
})
