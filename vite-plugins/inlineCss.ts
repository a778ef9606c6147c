// Inline the app's one small stylesheet into index.html, so the first paint waits for no other request.
import type { Plugin } from 'vite'

export function inlineEntryCss(): Plugin {
  return {
    name: 'branch-log:inline-entry-css',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = bundle['index.html']
      if (!html || html.type !== 'asset' || typeof html.source !== 'string') return
      let source = html.source
      for (const [fileName, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'asset' || !fileName.endsWith('.css')) continue
        const link = new RegExp(`<link rel="stylesheet"[^>]*href="/${fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`)
        if (!link.test(source)) continue
        source = source.replace(link, () => `<style>${String(chunk.source)}</style>`)
      }
      html.source = source
    },
  }
}
