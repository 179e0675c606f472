import { exportDataset } from '../../../db/repositories/exports'
import type { CsvForm, ExportFile, ParsedInputOf } from '../contract'
import { CSV_MEDIA_TYPE, toCsvText, type CsvTable } from '../exports/csv'
import type { ExportDataset } from '../exports/dataset'
import { dataDictionary } from '../exports/dictionary'
import { fhirBundle } from '../exports/fhir'
import { patientRegister } from '../exports/patientCsv'
import { adverseEventsForm, dosesForm, longForm, sessionsForm, wideForm } from '../exports/statisticsCsv'
import { XLSX_MEDIA_TYPE, xlsxWorkbook } from '../exports/xlsx'
import type { ServiceContext } from './context'

const CSV_BUILDERS: Record<Exclude<CsvForm, 'dictionary'>, (dataset: ExportDataset) => CsvTable> = {
  long: longForm,
  wide: wideForm,
  sessions: sessionsForm,
  doses: dosesForm,
  adverse_events: adverseEventsForm,
  patients: patientRegister,
}

/**
 * The records are read in one transaction, so the files of one export agree
 * with each other even while the desk keeps recording sessions.
 */
const readDataset = (ctx: ServiceContext, includeDemo: boolean): Promise<ExportDataset> =>
  ctx.store.transaction((tx) => exportDataset(tx, { includeDemo }))

export async function exportCsv(ctx: ServiceContext, input: ParsedInputOf<'exports', 'csv'>): Promise<ExportFile> {
  const table = input.form === 'dictionary' ? dataDictionary() : CSV_BUILDERS[input.form](await readDataset(ctx, input.includeDemo))
  return { fileName: table.fileName, mediaType: CSV_MEDIA_TYPE, encoding: 'text', content: toCsvText(table, input.separator), records: table.rows.length }
}

/** The statistics files in one workbook; the identifying patient register stays a file of its own. */
const WORKBOOK_FORMS = ['long', 'wide', 'sessions', 'doses'] as const satisfies readonly Exclude<CsvForm, 'dictionary'>[]

export async function exportXlsx(ctx: ServiceContext, input: ParsedInputOf<'exports', 'xlsx'>): Promise<ExportFile> {
  const dataset = await readDataset(ctx, input.includeDemo)
  const tables = [...WORKBOOK_FORMS.map((form) => CSV_BUILDERS[form](dataset)), dataDictionary()]
  const bytes = await xlsxWorkbook(tables, new Date(ctx.now()))
  return {
    fileName: 'backstride-statistics.xlsx',
    mediaType: XLSX_MEDIA_TYPE,
    encoding: 'base64',
    content: bytes.toString('base64'),
    records: tables.reduce((sum, table) => sum + table.rows.length, 0),
  }
}

export async function exportFhir(ctx: ServiceContext, input: ParsedInputOf<'exports', 'fhir'>): Promise<ExportFile> {
  const bundle = fhirBundle(await readDataset(ctx, input.includeDemo), ctx.now())
  return {
    fileName: 'backstride-fhir-bundle.json',
    mediaType: 'application/fhir+json',
    encoding: 'text',
    content: `${JSON.stringify(bundle, null, 2)}\n`,
    records: bundle.entry?.length ?? 0,
  }
}
