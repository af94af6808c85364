import { stripInvalidChars } from './html-escape.js';
import { addImageAttributes } from './image-attributes.js';
import { absoluteUrl } from './page-context.js';
import { entryAuthor, FEED_FILES, type FeedOut } from './feed-out.js';
import { webUrl } from './safe-url.js';

/** A JSON Feed 1.1 (https://jsonfeed.org/version/1.1), made from the same entries as Atom. */
export function renderJsonFeed(feed: FeedOut): string {
  const { settings } = feed;
  const base = feed.folder === '' ? '' : `${feed.folder}/`;
  const items = feed.entries.map((view) => {
    const { item } = view;
    const url = absoluteUrl(settings, view.path);
    const external = webUrl(item.link);
    const image = webUrl(item.image);
    return {
      id: url,
      url,
      ...(external ? { external_url: external } : {}),
      title: stripInvalidChars(item.title),
      ...(feed.content
        ? { content_html: stripInvalidChars(addImageAttributes(feed.content(view))) }
        : { content_text: stripInvalidChars(item.excerpt) }),
      ...(item.excerpt ? { summary: stripInvalidChars(item.excerpt) } : {}),
      ...(image ? { image } : {}),
      date_published: item.published ?? item.firstSeen,
      ...(item.changedAt !== item.firstSeen ? { date_modified: item.changedAt } : {}),
      authors: [{ name: stripInvalidChars(entryAuthor(view)) }],
      tags: [view.feed.site.category.name, ...item.categories.map(stripInvalidChars)],
    };
  });
  const document = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: absoluteUrl(settings, base),
    feed_url: absoluteUrl(settings, base + FEED_FILES.json),
    ...(feed.description ? { description: feed.description } : {}),
    language: settings.language,
    items,
  };
  return `${JSON.stringify(document, null, 1)}\n`;
}
