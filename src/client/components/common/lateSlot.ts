// A component App.vue shows once code loaded after the first paint provides it (sync/start.ts gives the
// "新同步 N 条" notice), so neither that component nor its loading is part of the first download.
import { shallowRef, type Component } from 'vue'

export const afterFirstPaintNotice = shallowRef<Component | null>(null)
