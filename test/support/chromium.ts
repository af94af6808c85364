import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, which .ci/run installs when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';

/** A browser suite's `skip`: false, or why it cannot run here. */
export const chromiumMissing: string | false =
  !fs.existsSync(CHROMIUM) && `${CHROMIUM} is missing (bash .ci/run installs it)`;

/** Headless Chromium for the browser tests, which open loopback pages only. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
}
