// Layout faults a member with large text meets, measured in the page: text over text, sideways scrolling, text cut
// off by its box, short labels broken across lines, and how much of the screen the fixed bars leave for the page.
import type { Page } from '@playwright/test'

/** Set the browser's default font size (Chrome's Settings → Appearance → Font size), as a percentage of 16 px. */
export async function setBrowserTextSize(page: Page, percent: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: Math.round(16 * percent / 100), fixed: Math.round(13 * percent / 100) } })
}

/** Emulate the operating system's text scale (Android Settings → Display → Font size). */
export async function setSystemTextScale(page: Page, scale: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Emulation.setEmulatedOSTextScale', { scale })
}

export interface LayoutProblems {
  sidewaysScroll: number
  overlaps: string[]
  cutOff: string[]
}

export async function findLayoutProblems(page: Page): Promise<LayoutProblems> {
  return page.evaluate(() => {
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${(el.textContent ?? '').trim().slice(0, 16)}"`
    const hidden = (el: Element) => el.closest('.sr-only') !== null || el.getClientRects().length === 0
      || !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })
    // Text in a fixed or sticky bar may lie over the scrolling page by design; compare text only within one layer.
    const layerOf = (el: Element): Element | null => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const position = getComputedStyle(e).position
        if (position === 'fixed' || position === 'sticky') return e
      }
      return null
    }
    // What a scrolling or clipping ancestor hides is not on screen to overlap anything.
    const clipOf = (el: Element) => {
      let box = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity }
      for (let e = el.parentElement; e && e !== document.documentElement; e = e.parentElement) {
        if (getComputedStyle(e).overflow === 'visible') continue
        const r = e.getBoundingClientRect()
        box = { left: Math.max(box.left, r.left), top: Math.max(box.top, r.top), right: Math.min(box.right, r.right), bottom: Math.min(box.bottom, r.bottom) }
      }
      return box
    }
    const texts: { el: Element, layer: Element | null, rects: { left: number, top: number, right: number, bottom: number }[] }[] = []
    for (const el of document.querySelectorAll('body *')) {
      if (hidden(el) || el.closest('svg, canvas')) continue
      const rects: { left: number, top: number, right: number, bottom: number }[] = []
      const clip = clipOf(el)
      for (const node of el.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE || !node.textContent?.trim()) continue
        const range = document.createRange()
        range.selectNodeContents(node)
        for (const r of range.getClientRects()) {
          const shown = { left: Math.max(r.left, clip.left), top: Math.max(r.top, clip.top), right: Math.min(r.right, clip.right), bottom: Math.min(r.bottom, clip.bottom) }
          if (shown.right - shown.left > 0.5 && shown.bottom - shown.top > 0.5) rects.push(shown)
        }
      }
      if (rects.length > 0) texts.push({ el, layer: layerOf(el), rects })
    }
    const overlaps: string[] = []
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i]!, b = texts[j]!
        if (a.layer !== b.layer) continue
        const hit = a.rects.some((ra) => b.rects.some((rb) =>
          Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 1 && Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 2))
        if (hit) overlaps.push(`${describe(a.el)} × ${describe(b.el)}`)
      }
    }
    // A box that hides what does not fit (overflow hidden or clip, not a scroller the member can swipe).
    const cutOff: string[] = []
    for (const el of document.querySelectorAll('body *')) {
      // A text field too narrow for a short value (a name) cuts it.
      if (el instanceof HTMLInputElement && ['text', 'search', ''].includes(el.getAttribute('type') ?? '') && el.value.length <= 6 && el.value && !hidden(el)
        && el.scrollWidth > el.clientWidth + 1) cutOff.push(`input[name=${el.name}] "${el.value}"`)
      if (hidden(el) || el.matches('input, textarea, select, img, canvas, svg, svg *')) continue
      const style = getComputedStyle(el)
      const clipsX = style.overflowX === 'hidden' || style.overflowX === 'clip'
      const clipsY = style.overflowY === 'hidden' || style.overflowY === 'clip'
      if ((clipsX && el.scrollWidth > el.clientWidth + 1) || (clipsY && el.scrollHeight > el.clientHeight + 1)) cutOff.push(describe(el))
    }
    const root = document.documentElement
    return { sidewaysScroll: Math.max(root.scrollWidth, document.body.scrollWidth) - root.clientWidth, overlaps, cutOff }
  })
}

/** Labels that must stay on one line (a break inside 记一笔 or 支部党员大会 splits a word), with their line counts;
 * only labels of at most `maxChars` characters with no space in them (longer ones may wrap between words). */
export async function brokenLabels(page: Page, selector: string, maxChars = Infinity): Promise<string[]> {
  return page.locator(selector).evaluateAll((els, max) => els.flatMap((el) => {
    const text = (el.textContent ?? '').trim()
    if (el.getClientRects().length === 0 || el.closest('.sr-only') || text.length > max || /\s/.test(text)) return []
    const rects: DOMRect[] = []
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim() || node.parentElement?.closest('.sr-only')) continue
      const range = document.createRange()
      range.selectNodeContents(node)
      rects.push(...[...range.getClientRects()].filter((r) => r.width > 0.5))
    }
    const lineTops = new Set(rects.map((r) => Math.round(r.top)))
    const box = el.getBoundingClientRect()
    const spills = rects.some((r) => r.right > box.right + 1 || r.left < box.left - 1)
    return lineTops.size > 1 || spills ? [`"${text}" ${lineTops.size} lines${spills ? ', spills out' : ''}`] : []
  }), maxChars)
}

/** Height of the screen left for the page once the fixed and sticky bars on screen are taken away. */
export async function pageAreaHeight(page: Page): Promise<number> {
  return page.evaluate(() => {
    const covered = new Array<boolean>(window.innerHeight).fill(false)
    for (const el of document.querySelectorAll('body *')) {
      const position = getComputedStyle(el).position
      if (position !== 'fixed' && position !== 'sticky') continue
      const r = el.getBoundingClientRect()
      if (r.width < window.innerWidth / 2) continue // a small floating button is not a bar
      for (let y = Math.max(0, Math.floor(r.top)); y < Math.min(window.innerHeight, Math.ceil(r.bottom)); y++) covered[y] = true
    }
    return covered.filter((c) => !c).length
  })
}
