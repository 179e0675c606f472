#!/usr/bin/env node
// `npx backstride <command>` in a source checkout (package.json "bin"): the command line, built when needed.
// npm exec prints no banner, so `npx backstride stats --json` is JSON, and relative paths mean the current folder.
import { runBuilt } from './launcher.mjs'

await runBuilt('cli', process.argv.slice(2))
