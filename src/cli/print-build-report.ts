import type { BuildReport } from '../site/build-site.js';
import { withoutUrlSecrets } from '../site/url-secrets.js';

export function printBuildReport(
  report: BuildReport,
  out: NodeJS.WritableStream = process.stdout,
): void {
  const removed = report.removed > 0 ? `, ${report.removed} removed` : '';
  // Why older items are not on the site: they are stored, outside the window.
  const window = report.window
    ? `; items of the last ${report.window.days} day(s), from ${report.window.firstDay} (site.maxAgeDays)`
    : '';
  out.write(
    `Built ${report.outputDir}: ${report.written} file(s) written, ${report.unchanged} unchanged${removed} (${Math.round(report.durationMs)} ms)${window}\n`,
  );
  // Removing a feed from the config deletes nothing: say what stays, so it is no surprise.
  // A feed with no item keeps nothing: it is the address a fetch failed at before the user
  // corrected it in the config (a typo), listed under the same name as the corrected feed.
  const unconfigured = (report.unconfigured ?? []).filter((feed) => feed.items > 0);
  if (unconfigured.length > 0) {
    out.write(
      `${unconfigured.length} stored feed(s) no longer in the config, their items kept in the ` +
        'store and on the site at their last place (add a feed back to fetch it again, or ' +
        'delete it with tidings forget KEY):\n',
    );
    // The key too: a feed moved to a new address keeps its name, so two may share a label.
    for (const feed of unconfigured) {
      out.write(`  ${feed.label} (${withoutUrlSecrets(feed.key)}): ${feed.items} item(s)\n`);
    }
  }
}
