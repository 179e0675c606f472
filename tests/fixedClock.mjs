// `node --import ./tests/fixedClock.mjs …`: the process's clock stands still at BACKSTRIDE_FIXED_TIME (an ISO date-time).
// Used by `npm run screenshots`, so the pictures show the same dates and backup times at every run.
const fixed = new Date(process.env.BACKSTRIDE_FIXED_TIME ?? '').getTime()
if (Number.isNaN(fixed)) throw new Error('fixedClock.mjs needs BACKSTRIDE_FIXED_TIME, e.g. 2026-03-16T10:00:00')

const RealDate = Date
class FixedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(fixed)
    else super(...args)
  }
  static now() {
    return fixed
  }
}
globalThis.Date = FixedDate
