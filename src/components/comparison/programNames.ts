import { useFormat } from '../../i18n/format'
import { useCatalogueStore } from '../../stores/catalogue'
import type { ProgramCode } from '@clinic/domain/vocabulary'

/** "P1 Leg strength" in the current language, as in the legend of every comparison chart and table. */
export function useProgramNames() {
  const catalogue = useCatalogueStore()
  const { text } = useFormat()
  void catalogue.load()
  return (code: ProgramCode) => {
    const program = catalogue.programs.find((p) => p.code === code)
    return program ? `${code} ${text(program.name)}` : code
  }
}
