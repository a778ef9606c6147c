// What the first save from the log form needs next, fetched while the member fills the form in: the record rules
// (checked before the write) and the list page the save lands on. Without this the first save after opening the
// app waits for both downloads (bench/saveToVisible.ts measured ~70 ms of a ~95 ms save on an empty device). A
// failed fetch is harmless: the save imports them again when it needs them.
export function warmSavePath(): void {
  void import('@shared/model/validate').catch(() => undefined)
  void import('@client/pages/ActivityListPage.vue').catch(() => undefined)
}
