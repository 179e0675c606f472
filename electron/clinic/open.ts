import { openStore, type ClinicStore } from '../../db/client'
import { seedCatalogue } from '../../db/seed'
import type { Handlers } from './contract'
import { createClinicService, type ServiceOptions } from './service'

export interface Clinic {
  store: ClinicStore
  handlers: Handlers
  close(): void
}

/**
 * Opens the clinic database (migrating it), loads the program catalogue from
 * resources/ (a changed program becomes a new version), and builds the service.
 */
export async function openClinic(
  options: { file: string; nativeBinding?: string } & Omit<ServiceOptions, 'store'>,
): Promise<Clinic> {
  const store = openStore({ file: options.file, nativeBinding: options.nativeBinding })
  try {
    await seedCatalogue(store)
  } catch (error) {
    store.close()
    throw error
  }
  return { store, handlers: createClinicService({ ...options, store }), close: () => store.close() }
}
