import { createRequire } from 'node:module';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Names Tidings and its version, so feed publishers can tell who is asking. */
export const USER_AGENT = `Tidings/${version} (feed reader; static news site builder)`;
export const TIDINGS_VERSION = version;
