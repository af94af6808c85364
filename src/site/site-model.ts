import type { SiteSettings } from '../config/config.js';
import type { StoredFeed, StoredItem } from '../store/store.js';

/** Everything the site builder needs, read from the store in one go. */
export interface SiteModel {
  settings: SiteSettings;
  feeds: StoredFeed[];
  /** Newest first: by published time, falling back to first seen. */
  items: StoredItem[];
  /** When this model was read (ISO UTC); used for the Atom feed's <updated> when empty. */
  generatedAt: string;
}
