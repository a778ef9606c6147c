// Where the app was opened, from the user agent alone (pure, so it is unit-tested): an app's built-in browser
// (WeChat, QQ, Weibo, DingTalk, Feishu …) keeps no offline copy and cannot add the app to the home screen;
// Safari on iPhone and iPad installs only through 分享 → 添加到主屏幕.

/** The in-app browser's name as members know it, or null in a real browser. WeCom is checked before WeChat (its
 * agent says both); "QQ/" is the QQ app, not QQ浏览器 (MQQBrowser without "QQ/"). */
const IN_APP_BROWSERS: readonly { name: string, pattern: RegExp }[] = [
  { name: '企业微信', pattern: /wxwork/i },
  { name: '微信', pattern: /MicroMessenger/i },
  { name: 'QQ', pattern: /\sQQ\/\d/ },
  { name: '微博', pattern: /Weibo/i },
  { name: '钉钉', pattern: /DingTalk/i },
  { name: '飞书', pattern: /Lark|Feishu/i },
  { name: '支付宝', pattern: /AlipayClient/i },
  { name: '抖音', pattern: /aweme|BytedanceWebview/i },
  { name: '今日头条', pattern: /NewsArticle/i },
  { name: '百度', pattern: /baiduboxapp/i },
  { name: '小红书', pattern: /xhsdiscover/i },
  { name: 'Facebook', pattern: /FBAN|FBAV/ },
  { name: 'Instagram', pattern: /Instagram/ },
  { name: 'LINE', pattern: /\bLine\/\d/ },
]

export function inAppBrowserName(userAgent: string): string | null {
  return IN_APP_BROWSERS.find((b) => b.pattern.test(userAgent))?.name ?? null
}

/** Safari on an iPhone, iPod or iPad (iPadOS says "Macintosh" but has a touch screen), not Chrome/Firefox/Edge for
 * iOS and not an app's built-in browser: the one iOS browser whose share sheet offers 添加到主屏幕 to every member. */
export function isIosSafari(userAgent: string, maxTouchPoints = 0): boolean {
  const ios = /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1)
  if (!ios || !/Safari\//.test(userAgent)) return false
  if (/CriOS|FxiOS|EdgiOS|OPiOS|YaBrowser|MQQBrowser|UCBrowser|Quark/.test(userAgent)) return false
  return inAppBrowserName(userAgent) === null
}
