/**
 * Boilerplate rules for the Chinese news sources Tidings is most used with, learned from real
 * items (../shared/fixtures/rsshub-page/): what every article of a source repeats and no
 * reader wants to see again. Data only; `clean-html.ts` applies them to every item.
 *
 * Selectors are specific to the markup of their source (class names nobody else uses), so a
 * rule cannot misfire on another feed; that is why they need no per-host switch.
 */

export interface BuiltinCleanRule {
  /** Short stable name, reported when the rule fires. */
  name: string;
  /** Where it was seen. */
  source: string;
  /** CSS selectors: matching elements go, with their content. */
  remove?: readonly string[];
  /** CSS selectors: matching elements go, their content stays (tracking and auto-links). */
  unwrap?: readonly string[];
  /** Regular expressions matched against each text node; the matched text goes. */
  removePattern?: readonly string[];
}

export const BUILTIN_CLEAN_RULES: readonly BuiltinCleanRule[] = [
  {
    // <div class="clearfix appendQr_wrap"><img …343233024.png>海量资讯、精准解读，尽在新浪财经APP</div>,
    // at the end of all 30 fixture articles; its QR code would otherwise be the lead image.
    name: 'sina-app-qr-code',
    source: '新浪财经',
    remove: ['.appendQr_wrap', '.appendQr_normal', '.appendQr_normal_txt'],
    removePattern: [
      '^\\s*(?:海量资讯、精准解读，尽在新浪财经APP|扫二维码下载新浪财经APP[^。]*)\\s*$',
    ],
  },
  {
    // <p class="article-editor">责任编辑：蒋晓桐 </p>, sometimes with a work code ("刘万里 SF014").
    name: 'sina-editor-line',
    source: '新浪财经',
    remove: ['p.article-editor'],
    removePattern: ['^\\s*责任编辑[:：]\\s*[^\\s，。]{1,12}(?:\\s+[A-Z]{0,4}\\d{0,6})?\\s*$'],
  },
  {
    // Empty video slots (<div class="video-2017" id="videoList0" style></div>) and the
    // empty live-quote spans the stock auto-linker leaves (<span id="quote_sh600586">).
    name: 'sina-empty-placeholders',
    source: '新浪财经',
    remove: ['div.video-2017:empty', 'span[id^="quote_"]:empty'],
  },
  {
    // Stock names auto-linked to quote pages (<span id="stock_bj835670"><a class="keyword" …>).
    name: 'sina-stock-keyword-links',
    source: '新浪财经',
    unwrap: ['a.keyword[href*="finance.sina.com.cn/realstock/"]'],
  },
  {
    // <div class="tougao-user">感谢IT之家网友 菜狗、同学 的线索投递！</div> at the top of tips.
    name: 'ithome-tip-credit',
    source: 'IT之家',
    remove: ['div.tougao-user'],
  },
  {
    // Affiliate redirects around shop names (https://c.duomai.com/track.php?site_id=…&t=…).
    name: 'cnbeta-affiliate-links',
    source: 'cnBeta',
    unwrap: ['a[href*="c.duomai.com/track.php"]'],
  },
];
