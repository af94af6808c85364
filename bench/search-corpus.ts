/**
 * A deterministic corpus of search documents for the search benchmark and size tests: news-like
 * Chinese (80%) and English (20%) items with 2–12 KB bodies. Chinese text is made of "words" of
 * 2–3 common characters drawn with a Zipf distribution, joined with fullwidth punctuation, so the
 * bigram statistics are news-like: a long tail of rare bigrams, a head of very common ones.
 * Document 0 is the seed article of DESIGN.md.
 */
import type { SearchDocument } from '../src/search/search-document.js';
import { seededRandom } from './seeded-random.js';

const COMMON =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研';
const ENGLISH =
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their has would when if so no will more can said who its about into than them only other new some could these two may first then do any like my now over such our man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three states himself few house use during without again place american around however home small found thought went say part once general high upon school every does got united left number course war until always away something fact though water less public put think almost hand enough far took head yet government system better set told nothing night end why called didn eyes find going look asked later knew market company price growth economy industry technology report china shares investors percent billion million quarter';

const HEADLINE_EN = [
  'Factory output rises as exporters see demand return',
  'Central bank holds rates steady amid slowing inflation',
  'Chip makers race to expand capacity in 2026',
  'Apple unveils iPhone 17 with faster A19 chip',
];

/** Index 0…n-1 with probability ∝ 1/(i+1): a Zipf draw by inverse of the harmonic CDF. */
function zipf(random: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(random() * Math.log(n + 1)) - 1));
}

export const SEED_TITLE = '工信部部长肖亚庆：提升制造业核心竞争力 确保工业经济平稳运行';
export const SEED_TEXT =
  '原标题：工信部部长肖亚庆：提升制造业核心竞争力 确保工业经济平稳运行。12月24日，全国工业和信息化工作会议在北京召开。会议指出，要坚持稳字当头、稳中求进，着力提升产业链供应链现代化水平，推动制造业高质量发展。';

export function searchCorpus(count: number, seed = 1): SearchDocument[] {
  const random = seededRandom(seed);
  const chars = [...COMMON];
  const zhWords: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const length = random() < 0.75 ? 2 : 3;
    let word = '';
    for (let k = 0; k < length; k++) word += chars[zipf(random, chars.length)];
    zhWords.push(word);
  }
  const enWords = ENGLISH.split(' ');
  const punctuation = ['，', '，', '，', '。', '、', '：', '；', '“', '”'];
  const sources = [
    '金融 › 新浪财经 › 新浪财经－国內',
    '科技 › IT 之家 › IT 之家',
    '新媒体 › 36kr › 36kr 快讯',
    'News › Hacker News › Front page',
    '二次元 › Bangumi › 放送列表',
  ];

  const chinese = (chars: number): string => {
    let text = '';
    while (text.length < chars) {
      const words = 3 + Math.floor(random() * 8);
      for (let w = 0; w < words; w++) text += zhWords[zipf(random, zhWords.length)];
      if (random() < 0.15) text += ` ${Math.floor(random() * 10000)} `;
      if (random() < 0.05) text += ` ${enWords[zipf(random, enWords.length)]} `;
      text += punctuation[Math.floor(random() * punctuation.length)];
    }
    return text;
  };
  const english = (chars: number): string => {
    let text = '';
    while (text.length < chars) {
      const words = 6 + Math.floor(random() * 14);
      const sentence: string[] = [];
      for (let w = 0; w < words; w++) sentence.push(enWords[zipf(random, enWords.length)]!);
      if (random() < 0.3) sentence.push(String(Math.floor(random() * 2030)));
      text += `${sentence.join(' ')}. `;
    }
    return text.replace(/(^|\. )([a-z])/g, (_, a: string, b: string) => a + b.toUpperCase());
  };

  const documents: SearchDocument[] = [];
  for (let i = 0; i < count; i++) {
    const isChinese = random() < 0.8;
    // 2–12 KB of UTF-8: a Han character is 3 bytes.
    const bytes = 2048 + Math.floor(random() * 10240);
    let title: string;
    let text: string;
    if (i === 0) {
      title = SEED_TITLE;
      text = SEED_TEXT + chinese(bytes / 3);
    } else if (isChinese) {
      title = chinese(18 + Math.floor(random() * 14)).replace(/[，。、：；“”]$/, '');
      text = chinese(bytes / 3);
    } else {
      title = HEADLINE_EN[i % HEADLINE_EN.length]! + ' ' + english(20).trim();
      text = english(bytes);
    }
    const time = new Date(Date.UTC(2021, 0, 1) + i * 3_600_000).toISOString();
    documents.push({
      path: `items/${((i * 2654435761) >>> 0).toString(16).padStart(16, '0')}.html`,
      title,
      text,
      excerpt: text.slice(0, 140),
      time,
      timeText: time.slice(0, 10),
      source: sources[i % sources.length]!,
    });
  }
  return documents;
}
