// The little of pouchdb-browser the benchmark uses (the package ships no types).
declare module 'pouchdb-browser' {
  interface PouchDatabase {
    replicate: { from(remote: string, options?: Record<string, unknown>): Promise<{ docs_written: number }> }
    info(): Promise<{ doc_count: number }>
    destroy(): Promise<void>
  }
  const PouchDB: new (name: string, options?: Record<string, unknown>) => PouchDatabase
  export default PouchDB
}
