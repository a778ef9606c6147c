import { describe, expect, it } from 'vitest'
import { inAppBrowserName, isIosSafari } from '@client/pwa/browserEnvironment'

const ANDROID_WECHAT = 'Mozilla/5.0 (Linux; Android 13; V2172A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64'
const IOS_WECHAT = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN'
const WECOM = 'Mozilla/5.0 (Linux; Android 12; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 wxwork/4.1.16 MicroMessenger/7.0.1 NetType/WIFI Language/zh'
const QQ_APP = 'Mozilla/5.0 (Linux; U; Android 13; zh-cn; PGT-AN10 Build/HONORPGT-AN10) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/109.0.5414.86 MQQBrowser/6.2 TBS/047205 Mobile Safari/537.36 V1_AND_SQ_8.9.88_4852_YYB_D QQ/8.9.88.13420 NetType/WIFI WebP/0.3.0 AppId/537187279'
const QQ_BROWSER = 'Mozilla/5.0 (Linux; U; Android 13; zh-cn; 22081212C Build/TKQ1.220829.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/109.0.5414.86 MQQBrowser/14.6 Mobile Safari/537.36 COVC/046801'
const WEIBO = 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Weibo (iPhone14,2__weibo__13.9.1__iphone__os16.6)'
const DINGTALK = 'Mozilla/5.0 (Linux; U; Android 12; zh-CN; M2102K1C Build/SKQ1.211006.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.2.59 Mobile Safari/537.36 AliApp(DingTalk/7.0.30) com.alibaba.android.rimet/29823417 Channel/227200 language/zh-CN abi/64 UT4Aplus/0.2.25 colorScheme/light'
const FEISHU = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Lark/7.6.5 LarkLocale/zh_CN ChannelName/Feishu'
const IOS_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1'
const IPADOS_SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15'
const IOS_CHROME = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1'
const ANDROID_CHROME = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36'

describe('inAppBrowserName', () => {
  it.each([
    [ANDROID_WECHAT, '微信'], [IOS_WECHAT, '微信'], [WECOM, '企业微信'], [QQ_APP, 'QQ'], [WEIBO, '微博'],
    [DINGTALK, '钉钉'], [FEISHU, '飞书'],
  ])('names the app whose browser opened the link', (ua, name) => {
    expect(inAppBrowserName(ua)).toBe(name)
  })

  it.each([ANDROID_CHROME, IOS_SAFARI, IOS_CHROME, QQ_BROWSER, IPADOS_SAFARI])('is null in a real browser', (ua) => {
    expect(inAppBrowserName(ua)).toBeNull()
  })
})

describe('isIosSafari', () => {
  it('is Safari on an iPhone, and on an iPad that says Macintosh but has touch', () => {
    expect(isIosSafari(IOS_SAFARI)).toBe(true)
    expect(isIosSafari(IPADOS_SAFARI, 5)).toBe(true)
  })

  it('is not a Mac, Chrome for iOS, an in-app browser or Android', () => {
    expect(isIosSafari(IPADOS_SAFARI, 0)).toBe(false)
    expect(isIosSafari(IOS_CHROME)).toBe(false)
    expect(isIosSafari(IOS_WECHAT)).toBe(false)
    expect(isIosSafari(WEIBO)).toBe(false)
    expect(isIosSafari(ANDROID_CHROME)).toBe(false)
  })
})
