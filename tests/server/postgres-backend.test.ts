// Makes the PostgreSQL half of the suite visible in the test report: skipped (with the reason) unless
// DATABASE_URL_TEST points at a PostgreSQL the suite may create schemas in.
import { describe, expect, it } from 'vitest'
import { BACKENDS, PG_URL } from './helpers/backends'

describe('PostgreSQL backend', () => {
  it.skipIf(!PG_URL)('is included in every server test (DATABASE_URL_TEST is set)', () => {
    expect(BACKENDS.map((b) => b.name)).toContain('postgres')
  })
  it.runIf(!PG_URL)('SKIPPED: set DATABASE_URL_TEST=postgres://… to run the server suite against PostgreSQL too', () => {
    expect(BACKENDS.map((b) => b.name)).toEqual(['sqlite'])
  })
})
