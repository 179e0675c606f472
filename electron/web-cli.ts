import { dirname, join } from 'node:path'
import { privateFilesFromHere } from '../db/fileModes'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { describeLocation, resolveDatabaseFile, resourcesFolder } from '../db/paths'
import { openClinic } from './clinic/open'
import { startWebServer } from './web'

privateFilesFromHere()

/** `npm run web [-- --port N --db PATH]`: browser mode on 127.0.0.1. */
async function main() {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, db: { type: 'string' } },
  })
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not ${values.port}`)
  const file = resolveDatabaseFile(values.db)
  const clinic = await openClinic({ file, mode: 'browser', version: process.env.npm_package_version ?? '0.0.0' })
  const server = await startWebServer({
    handlers: clinic.handlers,
    rendererDir: join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer'),
    resourcesDir: resourcesFolder(),
    port,
  })
  console.log(`Backstride is running in browser mode. Database: ${describeLocation(file)}`)
  console.log(`Open ${server.url}`)
  const stop = async () => {
    await server.close()
    clinic.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`Backstride could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
