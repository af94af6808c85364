/**
 * RSSHub route patterns (`/sina/finance/:type?`, `/acfun/bangumi/:id`, `/transform/:url{.+}`,
 * `*`) and the concrete paths users subscribe to (`/acfun/bangumi/5022158`).
 */

/** Does the concrete `path` fit `pattern`? Returns how many literal segments matched, or -1. */
export function matchRoutePattern(pattern: string, path: string): number {
  if (pattern === '*') return 0;
  const want = segments(pattern);
  const have = segments(path);
  return matchFrom(want, 0, have, 0);
}

function matchFrom(want: string[], w: number, have: string[], h: number): number {
  if (w === want.length) return h === have.length ? 0 : -1;
  const part = want[w]!;
  if (part === '*') return 0; // the rest, whatever it is
  if (part.startsWith(':')) {
    const optional = part.endsWith('?');
    // `:name{.+}` (Hono) takes one segment or more.
    const greedy = /\{[^}]*\+[^}]*\}\??$/.test(part);
    if (greedy) {
      for (let end = have.length; end > h; end -= 1) {
        const rest = matchFrom(want, w + 1, have, end);
        if (rest >= 0) return rest;
      }
    } else if (h < have.length) {
      const rest = matchFrom(want, w + 1, have, h + 1);
      if (rest >= 0) return rest;
    }
    return optional ? matchFrom(want, w + 1, have, h) : -1;
  }
  if (h >= have.length || have[h] !== part) return -1;
  const rest = matchFrom(want, w + 1, have, h + 1);
  return rest < 0 ? -1 : rest + 1;
}

/** A pattern usable as it is, with no parameter to fill in (optional ones may be left out). */
export function patternWithoutRequiredParameters(pattern: string): string | null {
  if (pattern.includes('*')) return null;
  const kept: string[] = [];
  for (const part of segments(pattern)) {
    if (part.startsWith(':')) {
      if (!part.endsWith('?')) return null;
      continue;
    }
    kept.push(part);
  }
  return '/' + kept.join('/');
}

function segments(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}
