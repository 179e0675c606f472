import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { toCsvText } from '@clinic/exports/csv'
import { unneutralisedText } from '@clinic/exports/formulaText'
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

  it('puts a quote before a text cell that starts like a formula, and before none other; numbers stay numbers', () => {
    const texts = ['=1+1', '+49 30 1234567', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1', 'Anna', "O'Brien", '2+3', 'a=b', '-']
    const text = toCsvText({ fileName: 'x.csv', columns: ['text', 'n'], types: ['text', 'number'], rows: [...texts.map((t) => [t, -2.5]), ['plain', -7]] })
    const [, ...rows] = parse(text, { bom: true }) as string[][]
    expect(rows.map((row) => row[0])).toEqual(["'=1+1", "'+49 30 1234567", "'-2+3", "'@SUM(A1)", "'\t=1+1", "'\r=1+1", 'Anna', "O'Brien", '2+3', 'a=b', "'-", 'plain'])
    expect(rows.map((row) => row[1])).toEqual([...texts.map(() => '-2.5'), '-7'])
    // The patient import reads them back as typed.
    expect(rows.slice(0, texts.length).map((row) => unneutralisedText(row[0]))).toEqual(texts)
  })
})
