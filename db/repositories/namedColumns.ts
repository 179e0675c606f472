import { sql, type SQL } from 'drizzle-orm'
import type { ClinicDb } from '../client'
import { eachRow, values } from '../dialect'

/** One column of a query read as arrays: its name, and its expression typed with the value the driver returns. */
export type NamedColumn = readonly [name: string, expression: SQL<unknown>]

type Position<I> = I extends `${infer N extends number}` ? N : never

/** A row as the driver returns it for these columns: an array, each place typed. */
export type RowOf<C extends readonly NamedColumn[]> = { -readonly [I in keyof C]: C[I] extends readonly [string, SQL<infer T>] ? T : never }

/** Each column's place in a row, by name. */
export type PositionsOf<C extends readonly NamedColumn[]> = { readonly [I in keyof C & `${number}` as C[I][0]]: Position<I> }

/**
 * Named columns for the hot queries that read rows as arrays (`values` of db/dialect.ts: no
 * object per row from the driver). The columns are given once, in order, as
 * [name, sql<type>`expression`]; `list` is the select list in that order and
 * `at` each column's place, so a row is read as `row[at.clinicId]` (typed as the
 * column's value) instead of `row[1]`. Reading stays an array index. `rows`
 * runs a query whose select list starts with `list`; columns a query adds
 * after them (typed `Rest`) start at place `width`; `each` hands the rows on one by one (`eachRow`).
 */
export function namedColumns<const C extends readonly NamedColumn[]>(
  columns: C,
): {
  list: SQL
  at: PositionsOf<C>
  width: number
  rows<Rest extends unknown[] = []>(db: ClinicDb, query: SQL): Promise<[...RowOf<C>, ...Rest][]>
  each<Rest extends unknown[] = []>(db: ClinicDb, query: SQL, onRow: (row: [...RowOf<C>, ...Rest]) => void): Promise<number>
} {
  return {
    rows: <Rest extends unknown[] = []>(db: ClinicDb, query: SQL) => values<[...RowOf<C>, ...Rest]>(db, query),
    each: <Rest extends unknown[] = []>(db: ClinicDb, query: SQL, onRow: (row: [...RowOf<C>, ...Rest]) => void) => eachRow(db, query, onRow),
    width: columns.length,
    list: sql.join(
      columns.map(([, expression]) => expression),
      sql`, `,
    ),
    at: Object.fromEntries(columns.map(([name], i) => [name, i])) as PositionsOf<C>,
  }
}
