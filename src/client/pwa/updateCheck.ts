// Look for a new version only when the branch server answers. navigator.onLine says nothing about that: it is true
// on a Wi-Fi with no internet or with the server down, and false in some WebViews that are online. So fetch the
// service worker script itself, never from a cache; only a 200 lets the browser compare it with the installed one.
export async function serverAnswers(scriptUrl: string): Promise<boolean> {
  try {
    const response = await fetch(scriptUrl, { cache: 'no-store', headers: { 'cache-control': 'no-cache' } })
    return response.status === 200
  } catch {
    return false
  }
}

export async function checkForUpdate(scriptUrl: string, registration: ServiceWorkerRegistration): Promise<void> {
  if (registration.installing || !(await serverAnswers(scriptUrl))) return
  await registration.update().catch(() => undefined)
}
