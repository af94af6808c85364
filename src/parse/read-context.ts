import type { DateContext } from './dates.js';

/** What every format reader is handed besides the document. */
export interface ReadContext {
  /** The document URL (options.baseUrl), the last resort for relative URLs. */
  baseUrl: string | null;
  dates: DateContext;
  warn: (message: string) => void;
}
