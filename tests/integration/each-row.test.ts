import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { eachRow } from '../../db/dialect'
import { isStoreUnreachable } from '../../db/unreachable'
import { tempClinic, testQuery, TEST_STORE, type TempClinic } from './factories'

/*
 * eachRow (db/dialect.ts): the group comparison reads its 100,000 rows through it, one by one as they
 * arrive. What it must keep: every row in order and the count; an error of the caller's row handler
 * or of the query reaches the caller; and on a server the connection it borrowed goes back to the
 * pool (or is dropped when it broke), so a failed read never starves the desk of connections.
 * Checked that the pool checks fail with the release left out.
 */

let clinic: TempClinic
beforeEach(async () => {
  clinic = await tempClinic()
})
afterEach(() => clinic.close())

const THREE_ROWS = sql`select 1 as n, 'one' as word union all select 2, 'two' union all select 3, 'three' order by 1`

/** On a server: how many of the pool's connections are lent out now (0 when every one came back). */
const lentOut = () => (clinic.store.kind === 'postgres' ? clinic.store.pool.totalCount - clinic.store.pool.idleCount : 0)

describe('eachRow', () => {
  it('hands on every row in order, as arrays in the select list order, and returns the count', async () => {
    const seen: unknown[][] = []
    const count = await eachRow<[number, string]>(clinic.store.db, THREE_ROWS, (row) => seen.push(row))
    expect(count).toBe(3)
    expect(seen).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
    ])
    expect(lentOut()).toBe(0)
  })

  it('stops handing rows on after the handler throws, rejects with its error, and gives the connection back', async () => {
    const pool = clinic.store.kind === 'postgres' ? clinic.store.pool : null
    const before = pool?.totalCount
    // More failed reads than the pool has connections: a connection kept by each would leave the last waiting.
    for (let attempt = 0; attempt < 12; attempt++) {
      const seen: number[] = []
      const read = eachRow<[number, string]>(clinic.store.db, THREE_ROWS, ([n]) => {
        seen.push(n)
        if (n === 2) throw new Error('row 2 is not wanted')
      })
      await expect(read).rejects.toThrow('row 2 is not wanted')
      expect(seen).toEqual([1, 2])
      expect(lentOut()).toBe(0)
    }
    // The connection was whole: it went back to the pool, not dropped.
    if (pool) expect(pool.totalCount).toBe(before === 0 ? 1 : before)
    expect(await eachRow(clinic.store.db, THREE_ROWS, () => {})).toBe(3)
  })

  it("rejects with the store's own error for a query it refuses, and leaves the store usable", async () => {
    await expect(eachRow(clinic.store.db, sql`select no_such_column from patients`, () => {})).rejects.toThrow(/no_such_column/)
    expect(lentOut()).toBe(0)
    expect(await eachRow(clinic.store.db, THREE_ROWS, () => {})).toBe(3)
  })

  it("reads inside a transaction on the transaction's own connection (its uncommitted rows too)", async () => {
    const rolledBack = new Error('roll back')
    let seen: number[] = []
    await expect(
      clinic.store.transaction(async (tx) => {
        // Sites written in this transaction, not committed: only its own connection sees them.
        for (const code of ['EACH-7', 'EACH-8', 'EACH-9']) await testQuery(tx, 'insert into sites (name, code, created_by) values (?, ?, ?)', `Probe ${code}`, code, 'test')
        seen = []
        await eachRow<[string]>(tx, sql`select code from sites where code like 'EACH-%' order by code`, ([code]) => seen.push(Number(code.slice(5))))
        throw rolledBack
      }),
    ).rejects.toBe(rolledBack)
    expect(seen).toEqual([7, 8, 9])
    expect(lentOut()).toBe(0)
    expect(await clinic.scalar("select count(*) from sites where code like 'EACH-%'")).toBe(0)
  })

  it.runIf(TEST_STORE === 'postgres')('reports a server gone mid-read as unreachable and drops the broken connection', async () => {
    if (clinic.store.kind !== 'postgres') throw new Error('a server store was expected')
    const { pool } = clinic.store
    const killer = new pg.Client({ connectionString: clinic.file })
    await killer.connect()
    try {
      const read = eachRow(clinic.store.db, sql`select 1 as marker_each_row_probe, pg_sleep(30)`, () => {})
      const settled = read.then(
        () => null,
        (error: unknown) => error,
      )
      // Wait until the read is running on the server, then end its backend as a server shutdown would.
      for (let tries = 0; ; tries++) {
        const { rows } = await killer.query<{ pid: number }>(
          "select pid from pg_stat_activity where query like '%marker_each_row_probe%' and pid <> pg_backend_pid()",
        )
        if (rows.length === 1) {
          await killer.query('select pg_terminate_backend($1)', [rows[0].pid])
          break
        }
        if (tries > 200) throw new Error('the read never reached the server')
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      const error = await settled
      expect(error).toBeInstanceOf(Error)
      expect(isStoreUnreachable(error)).toBe(true)
      expect(lentOut()).toBe(0)
      // The pool still serves: a fresh connection replaces the dropped one.
      expect(await eachRow(clinic.store.db, THREE_ROWS, () => {})).toBe(3)
      expect(pool.totalCount).toBeGreaterThanOrEqual(1)
    } finally {
      await killer.end()
    }
  })
})
