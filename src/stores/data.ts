import type { Coded } from '@clinic/contract/messages'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ApiResult, CsvForm, CsvSeparatorName, ExportFile, PatientImportPreview, PatientImportResult } from '@clinic/contract'
import { decodeCsvBytes } from '@clinic/imports/encoding'
import { api } from '../api/client'
import { fieldErrorsOf } from '../api/fieldErrors'

/** The Data screen: exports for statistics tools and other systems, and the patient import from a spreadsheet. */
export const useDataStore = defineStore('data', () => {
  /** Simulated demo patients stay out of every export unless the clinic asks for them. */
  const includeDemo = ref(false)
  /** The CSV separator; null until chosen: then the screen's language decides (semicolon for German). */
  const separator = ref<CsvSeparatorName | null>(null)

  /** The chosen file's name and its text, as decoded (UTF-8 or Windows-1252). */
  const fileName = ref<string | null>(null)
  const csv = ref<string | null>(null)
  const preview = ref<PatientImportPreview | null>(null)
  const result = ref<PatientImportResult | null>(null)
  /** What is wrong with the file as a whole (unreadable, a column missing, too large): shown by the file picker. */
  const fileError = ref<Coded | null>(null)
  const busy = ref(false)

  function exportCsv(form: CsvForm, chosen: CsvSeparatorName): Promise<ApiResult<ExportFile>> {
    return api.exports.csv({ form, separator: chosen, includeDemo: includeDemo.value })
  }

  function exportXlsx(): Promise<ApiResult<ExportFile>> {
    return api.exports.xlsx({ includeDemo: includeDemo.value })
  }

  function exportFhir(): Promise<ApiResult<ExportFile>> {
    return api.exports.fhir({ includeDemo: includeDemo.value })
  }

  /** Reads a chosen file and previews what importing it would do; writes nothing. */
  async function choose(file: File) {
    fileName.value = file.name
    csv.value = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()))
    result.value = null
    await loadPreview()
  }

  async function loadPreview() {
    if (csv.value === null) return
    busy.value = true
    const response = await api.imports.previewPatients({ csv: csv.value })
    busy.value = false
    preview.value = response.ok ? response.value : null
    fileError.value = response.ok ? null : (fieldErrorsOf(response.error.fields).csv ?? response.error)
  }

  /** Creates the new patients of the file; duplicates and invalid rows are left out and reported. */
  async function importPatients() {
    if (csv.value === null) return
    busy.value = true
    const response = await api.imports.patients({ csv: csv.value })
    busy.value = false
    if (!response.ok) {
      fileError.value = fieldErrorsOf(response.error.fields).csv ?? response.error
      return
    }
    result.value = response.value
    preview.value = null
  }

  function clear() {
    fileName.value = null
    csv.value = null
    preview.value = null
    result.value = null
    fileError.value = null
  }

  return { includeDemo, separator, exportXlsx, fileName, csv, preview, result, fileError, busy, exportCsv, exportFhir, choose, importPatients, clear }
})
