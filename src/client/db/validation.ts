// The schema validators are loaded on first write, keeping the schema library out of the app's first download.
export function loadValidation() {
  return import('@shared/model/validate')
}

export function loadBackupFormat() {
  return import('@shared/backup')
}
