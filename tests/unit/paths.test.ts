import { homedir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDataDir, resolveDatabaseFile } from '../../db/paths'

describe('the data folder', () => {
  it('follows XDG_CONFIG_HOME when it is an absolute path, and ignores an empty or relative one (never the working directory)', () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/srv/config' })).toBe('/srv/config/Backstride')
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '' })).toBe(join(homedir(), '.config', 'Backstride'))
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: 'relative' })).toBe(join(homedir(), '.config', 'Backstride'))
    expect(defaultDataDir('linux', {})).toBe(join(homedir(), '.config', 'Backstride'))
  })

  it('ignores an empty BACKSTRIDE_DB', () => {
    expect(resolveDatabaseFile(undefined, { BACKSTRIDE_DB: '', XDG_CONFIG_HOME: '/srv/config' })).toBe('/srv/config/Backstride/backstride.sqlite')
  })
})
