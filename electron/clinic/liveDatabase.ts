import { openStore, type ClinicStore } from '../../db/client'
import { seedCatalogue } from '../../db/seed'
import type { ServiceHandlers } from './contract'

/**
 * The clinic database that is open now and the service built on it. A restore
 * replaces the file under it: `replaceFile` closes the database, lets the caller
 * swap the file, and opens it again (also when the swap fails).
 */
export interface LiveDatabase {
  readonly store: ClinicStore
  readonly handlers: ServiceHandlers
  replaceFile(swap: () => void): Promise<void>
  close(): void
}

/** Opens the store (openStore migrates it) and loads the program catalogue into it; a failed load closes it again. */
export async function openSeededStore(file: string, nativeBinding: string | undefined): Promise<ClinicStore> {
  const store = openStore({ file, nativeBinding })
  try {
    await seedCatalogue(store)
  } catch (error) {
    store.close()
    throw error
  }
  return store
}

export async function openLiveDatabase(
  file: string,
  nativeBinding: string | undefined,
  serviceOn: (store: ClinicStore) => ServiceHandlers,
): Promise<LiveDatabase> {
  const open = async () => {
    const store = await openSeededStore(file, nativeBinding)
    return { store, handlers: serviceOn(store) }
  }
  let current = await open()
  return {
    get store() {
      return current.store
    },
    get handlers() {
      return current.handlers
    },
    async replaceFile(swap) {
      current.store.close()
      try {
        swap()
      } finally {
        current = await open()
      }
    },
    close: () => current.store.close(),
  }
}
