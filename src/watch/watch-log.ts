import type { FeedOutcome } from '../pipeline.js';
import { describeReprepared, describeRepreparing } from '../reprepared-text.js';
import type { WatchEvent, WatchListener } from './watch-events.js';
import { jsonWithoutUrlSecrets, withoutUrlSecrets } from '../site/url-secrets.js';

/**
 * For people and logs: one timestamped line per thing that happened. Fetches that found
 * nothing new (304, same bytes, not due) are shown only with `verbose`, so a quiet day
 * leaves a quiet log.
 */
export function textWatchLog(out: NodeJS.WritableStream, verbose: boolean): WatchListener {
  const line = (text: string) => out.write(`${new Date().toISOString().slice(0, 19)}Z ${text}\n`);
  return (event: WatchEvent) => {
    switch (event.event) {
      case 'start':
        line(
          `watching ${event.feeds} feed(s)${event.config ? ` from ${event.config}` : ''} ` +
            `(pid ${event.pid}); Ctrl-C or SIGTERM stops`,
        );
        if (event.recoveredLock) {
          const old = event.recoveredLock;
          line(
            `took over the store lock of "${old.command}" (pid ${old.pid}, since ${old.startedAt}), ` +
              'which is no longer running',
          );
        }
        return;
      case 'output-lock':
        line(event.message);
        return;
      case 'build-left':
        line(
          `left the given-up build's temporary folders beside ${event.outputDir} for the next ` +
            `build or watch to remove: ${event.reason}; the site in place stays whole`,
        );
        return;
      case 'serve':
        line(`serving the site at ${event.url}`);
        return;
      case 'reprepare-start':
        line(`${describeRepreparing(event.items)}; the site is built after that`);
        return;
      case 'reprepared':
        line(
          `prepared again ${describeReprepared(event.summary)} ` +
            `(${Math.round(event.durationMs)} ms)`,
        );
        return;
      case 'feed': {
        // A recovery is always said: the log's last word on that feed was its failure.
        const text = describeOutcome(event.outcome, verbose || event.recovered);
        if (text) line(event.recovered ? `${text}; healthy again` : text);
        return;
      }
      case 'build-start':
        if (verbose) line('building the site');
        return;
      case 'build':
        line(
          `built ${event.report.outputDir}: ${event.report.written} file(s) written, ` +
            `${event.report.unchanged} unchanged (${Math.round(event.report.durationMs)} ms)`,
        );
        return;
      case 'build-failed':
        line(
          `build failed: ${withoutUrlSecrets(event.error)} (the previous site stays; the next change retries)`,
        );
        return;
      case 'error':
        line(`error: ${withoutUrlSecrets(event.error)}`);
        return;
      case 'config-changed':
        line(
          event.problem === null
            ? `${event.config} changed: restart tidings watch to use it (this run goes on with the config it started with)`
            : `${event.config} changed but cannot be used: ${event.problem} (this run goes on with the config it started with)`,
        );
        return;
      case 'stopping': {
        const work = [
          event.fetching > 0 ? `${event.fetching} fetch(es)` : '',
          event.building ? 'the build in progress' : '',
        ].filter(Boolean);
        line(
          `stopping (${event.signal})` +
            (work.length > 0
              ? `: waiting up to ${event.graceMs / 1000} s for ${work.join(' and ')}`
              : ''),
        );
        return;
      }
      case 'stopped': {
        const { fetches, build } = event.abandoned;
        if (fetches > 0 || build) {
          line(
            `gave up on ${[fetches > 0 ? `${fetches} fetch(es)` : '', build ? 'the build (the previous site stays)' : ''].filter(Boolean).join(' and ')}`,
          );
        }
        if (event.unbuilt) line('some stored changes are not built yet: the next build shows them');
        line('stopped');
        return;
      }
    }
  };
}

function describeOutcome(outcome: FeedOutcome, verbose: boolean): string | null {
  const { category, site, name } = outcome.source;
  const label = `${category} › ${site} › ${name}`;
  switch (outcome.status) {
    case 'ok': {
      const parts = [`${outcome.added} new`];
      if (outcome.changed > 0) parts.push(`${outcome.changed} changed`);
      if (outcome.removed) parts.push(`${outcome.removed} removed by retention`);
      if (!verbose && outcome.added + outcome.changed + (outcome.removed ?? 0) === 0) return null;
      const warnings = outcome.warnings.map((w) => `; warning: ${w}`).join('');
      const moved = outcome.movedTo
        ? `; moved permanently to ${withoutUrlSecrets(outcome.movedTo)}`
        : '';
      return `ok    ${label}: ${parts.join(', ')}${warnings}${moved}`;
    }
    case 'failed':
      return `FAIL  ${label}: ${withoutUrlSecrets(outcome.error)}`;
    case 'not-modified':
      return verbose ? `304   ${label}: not modified` : null;
    case 'unchanged':
      return verbose ? `same  ${label}: unchanged` : null;
    case 'skipped':
      return verbose ? `skip  ${label}: ${outcome.reason}` : null;
  }
}

/** `--json`: one JSON object per line on stdout, each with the time it happened. */
export function jsonWatchLog(out: NodeJS.WritableStream): WatchListener {
  return (event: WatchEvent) => {
    const at = new Date().toISOString();
    let record: object;
    if (event.event === 'feed') {
      const { source, ...rest } = event.outcome;
      record = {
        event: 'feed',
        at,
        feed: source.key,
        category: source.category,
        site: source.site,
        name: source.name,
        ...rest,
        recovered: event.recovered,
      };
    } else if (event.event === 'build') {
      record = { event: 'build', at, ...event.report };
    } else if (event.event === 'reprepared') {
      // Flat, as in tidings update --json.
      record = { event: 'reprepared', at, ...event.summary, durationMs: event.durationMs };
    } else {
      record = { ...event, at };
    }
    out.write(JSON.stringify(record, jsonWithoutUrlSecrets) + '\n');
  };
}
