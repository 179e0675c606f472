import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/*
 * Released migrations are never edited: a clinic that already ran one keeps its
 * database as that file made it, so a change to a released file reaches only new
 * installations and the two drift apart. A change to the schema is a new migration
 * (`npm run db:generate`).
 *
 * Releasing a migration: add its file name with the SHA-256 of its text (line
 * endings as LF: `sha256sum db/migrations/0005_x.sql` on Linux or macOS), and its
 * entry from db/migrations/meta/_journal.json, to RELEASED below, in the same
 * commit as the release. Migrations not yet in the list may still change.
 * The same holds for the PostgreSQL store's migrations (db/migrations-pg, RELEASED_PG):
 * a clinic server that ran one keeps it.
 */

interface JournalEntry {
  idx: number
  version: string
  when: number
  tag: string
  breakpoints: boolean
}

interface Released {
  file: string
  sha256: string
  journal: JournalEntry
}

const RELEASED: Released[] = [
  {
    file: '0000_clinic_core.sql',
    sha256: 'ad12373b61c8b521613849bc8a0bc0dc716b2e42fd4095d9a2265e6e2020a8cf',
    journal: { idx: 0, version: '6', when: 1795669223075, tag: '0000_clinic_core', breakpoints: true },
  },
  {
    file: '0001_comparison_indexes.sql',
    sha256: '1f4bd1c55aededbcf22b0fdb2885fabc733ae88e093f7a469bbcf2abac103ba3',
    journal: { idx: 1, version: '6', when: 1795671493604, tag: '0001_comparison_indexes', breakpoints: true },
  },
  {
    file: '0002_accounts_and_archive.sql',
    sha256: '151c9ca187a1d6a35ec0ae8e569db43ab808e1571338df5a4c04ea9a1f9eba1b',
    journal: { idx: 2, version: '6', when: 1795671848929, tag: '0002_accounts_and_archive', breakpoints: true },
  },
  {
    file: '0003_randomised_allocation.sql',
    sha256: '8901e5403dc3e32fb24faa1ccc98aeac4c59362204c91d7a5be0ffb95ef7d82b',
    journal: { idx: 3, version: '6', when: 1795673284379, tag: '0003_randomised_allocation', breakpoints: true },
  },
  {
    file: '0004_clinic_scale.sql',
    sha256: '8634ca3a4baa746219ce6b529b53ba20fd321d7e9aed99ef2d95c85e4ee4a558',
    journal: { idx: 4, version: '6', when: 1795682726146, tag: '0004_clinic_scale', breakpoints: true },
  },
  {
    file: '0005_exercises_not_done.sql',
    sha256: 'aa529a7a67f68e1b126cbe45b08d949e8f2c120eae7aca1e10f29edf75e125f2',
    journal: { idx: 5, version: '6', when: 1796007519426, tag: '0005_exercises_not_done', breakpoints: true },
  },
  {
    file: '0006_withdrawal_consent_adverse_events.sql',
    sha256: 'a4757a5b5e0f6a97168be41ff1797b2b4a9f18b717d4dcbb2e2e682852081362',
    journal: { idx: 6, version: '6', when: 1796012503440, tag: '0006_withdrawal_consent_adverse_events', breakpoints: true },
  },
  {
    file: '0007_program_versions_published.sql',
    sha256: '8f20d83ff84e246cd1646dcb39708df951121613825da3aeffacb6db85527b6d',
    journal: { idx: 7, version: '6', when: 1796013458954, tag: '0007_program_versions_published', breakpoints: true },
  },
  {
    file: '0008_correcting_the_record.sql',
    sha256: '8e020d880405bb6962f9b16e889bea5bce8e90c4da48fb4f93c6469a8652aa2a',
    journal: { idx: 8, version: '6', when: 1796014165408, tag: '0008_correcting_the_record', breakpoints: true },
  },
  {
    file: '0009_sign_in_failures.sql',
    sha256: '2df19a7e5cfd799e2cb860c48ba9be1d1f100abff05935f6ca655ee4dac15d12',
    journal: { idx: 9, version: '6', when: 1796014857469, tag: '0009_sign_in_failures', breakpoints: true },
  },
  {
    file: '0010_adverse_events_voided.sql',
    sha256: '6759e0bc6e68b7e1d738318ea79646f7d9f73218f2b89ee8c988fea1b1fd4ef4',
    journal: { idx: 10, version: '6', when: 1796016860528, tag: '0010_adverse_events_voided', breakpoints: true },
  },
  {
    file: '0011_clinic_sites.sql',
    sha256: '462a78352bf9c793107178033099c1f7e0c1c4d2cb53bb90a732bfd8ff0aa924',
    journal: { idx: 11, version: '6', when: 1796019240102, tag: '0011_clinic_sites', breakpoints: true },
  },
  {
    file: '0012_leg_strength_and_running_advice.sql',
    sha256: 'd77ae44eab2bf6f34dac31e7747529a13295d3e14a70e5130df5d5babf3a1d4b',
    journal: { idx: 12, version: '6', when: 1796019650332, tag: '0012_leg_strength_and_running_advice', breakpoints: true },
  },
  {
    file: '0013_one_per_rules.sql',
    sha256: '079093e5372db94317698cd332993f6f600c430bb6f89a9b473ebe57f16e0967',
    journal: { idx: 13, version: '6', when: 1796021794688, tag: '0013_one_per_rules', breakpoints: true },
  },
  {
    file: '0014_patient_search.sql',
    sha256: '3ee6cbbf95989b41e788bf81af34c7afcf01f66ef2530ee28656da4f5bc7dbc5',
    journal: { idx: 14, version: '6', when: 1796024429041, tag: '0014_patient_search', breakpoints: true },
  },
  {
    file: '0015_patient_word_starts.sql',
    sha256: '152869f570665f56518a4334f3b86aff6e5a7d6d0ce2c0c88bd759025dc18daf',
    journal: { idx: 15, version: '6', when: 1796027448608, tag: '0015_patient_word_starts', breakpoints: true },
  },
  {
    file: '0016_enrollment_scores.sql',
    sha256: '586c92a8bf8252b7bc62ccc8712d4077c3ea804c898f6be2ae0bb7d18b0a06d4',
    journal: { idx: 16, version: '6', when: 1796035739593, tag: '0016_enrollment_scores', breakpoints: true },
  },
]

const RELEASED_PG: Released[] = [
  {
    file: '0000_clinic.sql',
    sha256: 'd451e3c4e77825b05312eba5d8baf486cc4bd82d3507a1744d19c9874cb58c41',
    journal: { idx: 0, version: '7', when: 1796020320583, tag: '0000_clinic', breakpoints: true },
  },
  {
    file: '0001_one_per_rules.sql',
    sha256: '86e10907661036ff4a4a9f5ebc23b1eab27589cf55bfae9484192918ca19fd10',
    journal: { idx: 1, version: '7', when: 1796021796955, tag: '0001_one_per_rules', breakpoints: true },
  },
  {
    file: '0002_patient_search.sql',
    sha256: 'ef00ae882de397fae7e7b6abc1665dcaa74da81094d3d115099582df04840de2',
    journal: { idx: 2, version: '7', when: 1796024430428, tag: '0002_patient_search', breakpoints: true },
  },
  {
    file: '0003_comparison_scores.sql',
    sha256: '943209066ddcd1093121ce2b46f4935e970939ec93ed2e178e9b1394b341afd9',
    journal: { idx: 3, version: '7', when: 1796027525637, tag: '0003_comparison_scores', breakpoints: true },
  },
  {
    file: '0004_patient_word_starts.sql',
    sha256: 'ad7146429010d6c2ddad9d811ddec52b06babaedc2ac49d8633df1609f3678f4',
    journal: { idx: 4, version: '7', when: 1796028476352, tag: '0004_patient_word_starts', breakpoints: true },
  },
  {
    file: '0005_enrollment_scores.sql',
    sha256: '1fb195371cbc94dab5c074a5939db02b6b9e3710dae39617fbe4f722a2a1ad2e',
    journal: { idx: 5, version: '7', when: 1796035740045, tag: '0005_enrollment_scores', breakpoints: true },
  },
]

describe.each([
  { store: 'SQLite', folder: 'migrations', released: RELEASED },
  { store: 'PostgreSQL', folder: 'migrations-pg', released: RELEASED_PG },
])('released migrations of the $store store (db/$folder)', ({ folder: name, released }) => {
  const folder = join(import.meta.dirname, '..', '..', 'db', name)
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] }

  /** SHA-256 of the file's text with LF line endings, so a checkout with CRLF (Windows) hashes the same. */
  const sha256Of = (file: string) =>
    createHash('sha256').update(readFileSync(join(folder, file), 'utf8').replace(/\r\n/g, '\n')).digest('hex')

  it.each(released)('$file is unchanged since its release', ({ file, sha256 }) => {
    expect(sha256Of(file), `${file} was released and must not be edited: write a new migration instead`).toBe(sha256)
  })

  it('keeps the journal entries of the released migrations, first and in order', () => {
    expect(journal.entries.slice(0, released.length)).toEqual(released.map((entry) => entry.journal))
  })

  it('has a journal entry for every migration file, so none is left out of a release by accident', () => {
    const files = readdirSync(folder).filter((file) => file.endsWith('.sql'))
    expect(files.sort()).toEqual(journal.entries.map((entry) => `${entry.tag}.sql`).sort())
  })
})
