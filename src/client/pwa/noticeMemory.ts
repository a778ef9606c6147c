// Notices shown once per phone remember that they were shown (localStorage: a few flags, nothing personal).
// A browser that refuses storage (private mode) simply shows them again.
export type OnceNotice = 'offline-ready' | 'install-declined' | 'ios-add-to-home'

const key = (notice: OnceNotice) => `branch-log:notice:${notice}`

export function wasNoticeShown(notice: OnceNotice): boolean {
  try {
    return localStorage.getItem(key(notice)) !== null
  } catch {
    return false
  }
}

/** For this visit only (sessionStorage): a banner dismissed stays away while the member moves between screens. */
export function dismissedThisVisit(notice: string): boolean {
  try {
    return sessionStorage.getItem(`branch-log:dismissed:${notice}`) !== null
  } catch {
    return false
  }
}

export function rememberDismissedThisVisit(notice: string): void {
  try {
    sessionStorage.setItem(`branch-log:dismissed:${notice}`, '1')
  } catch {
    // storage refused: the banner comes back on the next screen load
  }
}

export function rememberNoticeShown(notice: OnceNotice): void {
  try {
    localStorage.setItem(key(notice), new Date().toISOString())
  } catch {
    // storage refused: the notice may come once more
  }
}
