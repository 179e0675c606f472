import { openStore, type ClinicStore } from '../../db/client'
import { ensureDatabaseId } from '../../db/identity'
import { seedCatalogue } from '../../db/seed'
import type { ServiceHandlers } from './contract'

/**
 * The clinic database that is open now and the service built on it. A restore
 * replaces the file under it: `replaceFile` closes the database, lets the caller
 * swap the file (or restore the server database's contents), and opens it again
 * (also when the swap fails), migrating what an older backup lacks.
 */
export interface LiveDatabase {
  readonly store: ClinicStore
  readonly handlers: ServiceHandlers
  replaceFile(swap: () => void | Promise<void>): Promise<void>
  close(): void
}

/**
 * Opens the store (openStore migrates it), loads the program catalogue into it and
 * gives it its identity when it has none yet; a failed load closes it again.
 * Read-only (command-line reports and exports beside a running app): none of that, nothing is written.
 */
export async function openSeededStore(location: string, nativeBinding: string | undefined, readOnly = false): Promise<ClinicStore> {
  const store = await openStore({ location, nativeBinding, readonly: readOnly })
  if (readOnly) return store
  try {
    await seedCatalogue(store)
    await ensureDatabaseId(store)
  } catch (error) {
    await store.close()
    throw error
  }
  return store
}

export async function openLiveDatabase(
  location: string,
  nativeBinding: string | undefined,
  serviceOn: (store: ClinicStore) => ServiceHandlers,
  readOnly = false,
): Promise<LiveDatabase> {
  const open = async () => {
    const store = await openSeededStore(location, nativeBinding, readOnly)
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
      await current.store.close()
      try {
        await swap()
      } finally {
        current = await open()
      }
    },
    close: () => void current.store.close(),
  }
}
