export type { Item } from './item.js';
export { prepareItem, EXCERPT_LENGTH, type PrepareContext } from './prepare-item.js';
export { sanitizeHtml } from './sanitize-html.js';
export { htmlToText, collapseWhitespace } from './html-to-text.js';
export { cutText } from './cut-text.js';
export { itemKey } from './item-key.js';
export { leadImage } from './lead-image.js';
