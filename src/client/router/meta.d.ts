import 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    tab?: 'home' | 'log' | 'activities' | 'report' | 'more'
    /** the parent page ‹ 返回 leads to; '..' = the path one level up */
    back?: string
  }
}
