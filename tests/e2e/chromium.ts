/** Debian's chromium (apt-get install chromium); machines with Playwright's own browsers can point elsewhere. */
export const CHROMIUM_PATH = process.env.BACKSTRIDE_CHROMIUM ?? '/usr/bin/chromium'

/** Headless flags that work on the clinic's build machines. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** The window the screens are designed and checked at. */
export const VIEWPORT = { width: 1280, height: 860 }
