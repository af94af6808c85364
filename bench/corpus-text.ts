/**
 * Deterministic article text for the build benchmark's corpus: mixed Chinese/English titles
 * and article HTML (paragraphs, headings, lists, quotes, links, images with absolute URLs),
 * like the items RSSHub routes serve. Every value comes from a seeded generator, never the
 * clock or Math.random, so the same item index always gives the same item.
 */

/** A small, fast PRNG (splitmix32): good enough to vary text, and fully repeatable. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.int(0, 0xffff).toString(16).padStart(4, '0');
    return out.slice(0, length);
  }
}

// A few hundred words and phrases, so that a search index sees a realistic spread of
// Chinese character pairs and English terms rather than a handful repeated.
const CHINESE_WORDS = [
  '工信部', '部长', '表示', '提升', '制造业', '核心', '竞争力', '确保', '工业经济', '平稳运行',
  '央行', '宣布', '降准', '科技股', '全线上涨', '新能源汽车', '销量', '创新高', '人工智能', '大模型',
  '半导体', '产业链', '房地产', '市场', '调控', '跨境电商', '数字人民币', '试点', '国内生产总值', '同比增长',
  '消费者', '信心指数', '芯片', '出口管制', '开源社区', '云计算', '基础设施', '港股通', '上证指数', '收盘',
  '记者', '了解到', '业内人士', '分析认为', '今年以来', '第三季度', '营业收入', '净利润', '同比下降', '环比',
  '投资者', '关注', '监管部门', '发布', '通知', '要求', '进一步', '加强', '管理', '服务',
  '城市', '交通', '地铁', '线路', '开通', '运营', '乘客', '出行', '高峰', '拥堵',
  '教育', '高校', '毕业生', '就业', '招聘', '岗位', '薪资', '人才', '培养', '改革',
  '医疗', '医院', '患者', '药品', '价格', '医保', '报销', '疫苗', '接种', '健康',
  '游戏', '玩家', '版本', '更新', '上线', '测试', '发行', '主机', '手游', '电竞',
  '动画', '番剧', '声优', '漫画', '连载', '完结', '剧场版', '票房', '观众', '评分',
  '手机', '发布会', '处理器', '屏幕', '续航', '快充', '摄像头', '系统', '升级', '用户',
  '社交媒体', '热搜', '话题', '网友', '评论', '转发', '点赞', '直播', '带货', '主播',
  '天气', '降温', '暴雨', '预警', '气象台', '台风', '登陆', '沿海', '地区', '防汛',
  '体育', '比赛', '冠军', '球队', '球员', '转会', '联赛', '决赛', '金牌', '纪录',
  '国际', '会谈', '外交部', '发言人', '合作', '协议', '签署', '贸易', '关税', '谈判',
  '研究', '团队', '论文', '期刊', '实验', '数据', '模型', '算法', '突破', '发现',
  '公司', '董事会', '股东', '收购', '合并', '上市', '融资', '估值', '亿元', '万元',
  '政策', '支持', '中小企业', '减税', '降费', '补贴', '消费', '复苏', '稳定', '预期',
  '北京', '上海', '深圳', '广州', '杭州', '成都', '武汉', '南京', '西安', '重庆',
]; // prettier-ignore

const ENGLISH_WORDS = [
  'market', 'growth', 'open source', 'release', 'quarterly', 'earnings', 'browser', 'Rust',
  'TypeScript', 'compiler', 'startup', 'funding', 'policy', 'climate', 'energy', 'GPU',
  'benchmark', 'security', 'update', 'research', 'Node.js', 'feed', 'parser', 'index',
  'Apple', 'Google', 'Microsoft', 'Tesla', 'Nvidia', 'Huawei', 'Xiaomi', 'Tencent',
  'Alibaba', 'ByteDance', 'OpenAI', 'Linux', 'Kubernetes', 'database', 'cloud', 'server',
  'smartphone', 'chip', 'battery', 'electric', 'vehicle', 'supply chain', 'inflation', 'rate',
  'central bank', 'stock', 'bond', 'yield', 'investor', 'revenue', 'profit', 'loss',
  'game', 'console', 'player', 'anime', 'season', 'episode', 'studio', 'trailer',
  'weather', 'storm', 'warning', 'coast', 'city', 'transport', 'metro', 'line',
  'university', 'student', 'research', 'paper', 'model', 'dataset', 'algorithm', 'result',
  'the', 'a', 'of', 'in', 'on', 'for', 'with', 'new', 'says', 'report',
  'first', 'global', 'China', 'Beijing', 'Shanghai', 'week', 'year', 'percent',
]; // prettier-ignore

const HEADINGS = ['背景', '数据', '分析', '业内观点', '下一步', 'What it means', 'Timeline', '影响']; // prettier-ignore

export class ArticleWriter {
  constructor(private readonly random: SeededRandom) {}

  private chinese(words: number): string {
    let out = '';
    for (let i = 0; i < words; i++) out += this.random.pick(CHINESE_WORDS);
    return out;
  }

  private english(words: number): string {
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(this.random.pick(ENGLISH_WORDS));
    return out.join(' ');
  }

  /** A Chinese sentence with the odd English term or number, as Chinese news reads. */
  private sentence(): string {
    const parts: string[] = [];
    const clauses = this.random.int(2, 4);
    for (let i = 0; i < clauses; i++) {
      let clause = this.chinese(this.random.int(2, 5));
      if (this.random.chance(0.3)) clause += ` ${this.english(this.random.int(1, 3))} `;
      if (this.random.chance(0.2)) clause += `${this.random.int(2, 999)}${this.random.pick(['%', '亿元', '万辆', '人', '项'])}`; // prettier-ignore
      parts.push(clause);
    }
    return parts.join('，') + '。';
  }

  private englishSentence(): string {
    const text = this.english(this.random.int(8, 18));
    return text.charAt(0).toUpperCase() + text.slice(1) + '.';
  }

  title(): string {
    const kind = this.random.int(0, 3);
    if (kind === 0) return `${this.chinese(2)}：${this.chinese(3)} ${this.english(2)}`;
    if (kind === 1) return `${this.chinese(4)}，${this.chinese(2)}${this.random.int(2, 99)}%`;
    if (kind === 2) {
      const text = this.english(this.random.int(5, 9));
      return text.charAt(0).toUpperCase() + text.slice(1);
    }
    return `${this.english(1)} ${this.chinese(3)}｜${this.chinese(3)}`;
  }

  private imageUrl(): string {
    const host = this.random.pick(['n.sinaimg.cn', 'img.ithome.com', 'pic.36krcnd.com', 'i0.hdslb.com']); // prettier-ignore
    return `https://${host}/bench/${this.random.int(2020, 2026)}/${this.random.hex(8)}-${this.random.hex(4)}.jpg`;
  }

  private paragraph(): string {
    const english = this.random.chance(0.15);
    const sentences = this.random.int(2, 6);
    let body = '';
    for (let i = 0; i < sentences; i++) {
      body += english ? `${this.englishSentence()} ` : this.sentence();
      if (this.random.chance(0.15)) {
        const href = `https://www.example-news.cn/article/${this.random.hex(10)}.html?from=rss&amp;ch=${this.random.int(1, 9)}`;
        body += `<a href="${href}">${english ? this.english(2) : this.chinese(2)}</a>`;
      }
      if (this.random.chance(0.08)) body += `<strong>${this.chinese(2)}</strong>`;
      // Braces appear in real posts (code, JSON); the Hexo format must escape them.
      if (this.random.chance(0.01))
        body += `<code>{"ok": true, "n": ${this.random.int(1, 9)}}</code>`;
    }
    return english ? `<p>${body.trim()}</p>` : `<p>\u3000\u3000${body}</p>`;
  }

  /** Article HTML of about `targetBytes` UTF-8 bytes (it stops at the first block past it). */
  articleHtml(targetBytes: number): { html: string; hasImage: boolean } {
    const blocks: string[] = [];
    let bytes = 0;
    let hasImage = false;
    const add = (block: string): void => {
      blocks.push(block);
      bytes += Buffer.byteLength(block);
    };
    if (this.random.chance(0.7)) {
      add(`<p><img src="${this.imageUrl()}" alt="${this.chinese(2)}"></p>`);
      hasImage = true;
    }
    while (bytes < targetBytes) {
      const roll = this.random.next();
      if (roll < 0.06) add(`<h2>${this.random.pick(HEADINGS)}</h2>`);
      else if (roll < 0.1) {
        add(`<p><img src="${this.imageUrl()}" alt="${this.chinese(2)}" referrerpolicy="no-referrer"></p>`); // prettier-ignore
        hasImage = true;
      } else if (roll < 0.13) {
        const items = Array.from(
          { length: this.random.int(2, 5) },
          () => `<li>${this.sentence()}</li>`,
        );
        add(`<ul>${items.join('')}</ul>`);
      } else if (roll < 0.15) add(`<blockquote><p>${this.sentence()}</p></blockquote>`);
      else add(this.paragraph());
    }
    return { html: `<div>${blocks.join('\n')}</div>`, hasImage };
  }
}
