import { compile, selectAll, selectOne } from 'css-select';
import { isTag, type AnyNode, type Element, type ParentNode } from 'domhandler';
import type { CleanRules, ContentSettings } from '../sources/feed-source.js';
import { BUILTIN_CLEAN_RULES } from './builtin-clean-rules.js';

/**
 * Cleaning rules, built-in and the user's, compiled once per feed: selectors to matchers,
 * patterns to regular expressions. The config loader checks the user's rules with
 * clean-rule-problems.ts, which loads css-select only when a config has selectors.
 */

/** A compiled CSS selector. */
export type Matcher = ReturnType<typeof compile<AnyNode, Element>>;

/** Whether `matcher` selects any element under `root` (stops at the first). */
export function selectsAny(matcher: Matcher, root: ParentNode): boolean {
  return selectOne<AnyNode, Element>(matcher, root.children) !== null;
}

/** The elements under `root` that `matcher` selects, in document order. */
export function selectElements(matcher: Matcher | string, root: ParentNode): Element[] {
  return selectAll<AnyNode, AnyNode>(matcher, root.children).filter(isTag);
}

export interface CompiledRule {
  name: string;
  remove: Matcher[];
  unwrap: Matcher[];
  removePattern: RegExp[];
}

export interface CompiledCleaning {
  rules: CompiledRule[];
  /** The most specific `keepOnly` given (feed over site over config-wide), if any. */
  keepOnly: Matcher | null;
  /**
   * Every `remove` and `unwrap` selector of the rules as one list, or null when there are
   * none: one walk tells whether any rule can select anything in an item (most items: none).
   */
  anySelector: Matcher | null;
}

export const DEFAULT_CONTENT_SETTINGS: ContentSettings = {
  embeds: true,
  builtinRules: true,
  clean: [],
};

const compiled = new WeakMap<ContentSettings, CompiledCleaning>();

/** The compiled rules of these settings; compiled once, however many items use them. */
export function compileCleaning(settings: ContentSettings): CompiledCleaning {
  let cleaning = compiled.get(settings);
  if (cleaning === undefined) {
    const selectors = [
      ...(settings.builtinRules ? BUILTIN_SELECTORS : []),
      ...settings.clean.flatMap((rules) => rules.remove),
    ];
    cleaning = {
      rules: [
        ...(settings.builtinRules ? BUILTIN_RULES : []),
        ...settings.clean.map((rules, i) => compileUserRules(rules, `config rule set ${i + 1}`)),
      ],
      keepOnly: lastKeepOnly(settings.clean),
      anySelector: selectors.length > 0 ? compile<AnyNode, Element>(selectors.join(', ')) : null,
    };
    compiled.set(settings, cleaning);
  }
  return cleaning;
}

const BUILTIN_RULES: CompiledRule[] = BUILTIN_CLEAN_RULES.map((rule) => ({
  name: rule.name,
  remove: (rule.remove ?? []).map((selector) => compile<AnyNode, Element>(selector)),
  unwrap: (rule.unwrap ?? []).map((selector) => compile<AnyNode, Element>(selector)),
  removePattern: (rule.removePattern ?? []).map((pattern) => new RegExp(pattern, 'gu')),
}));

const BUILTIN_SELECTORS: string[] = BUILTIN_CLEAN_RULES.flatMap((rule) => [
  ...(rule.remove ?? []),
  ...(rule.unwrap ?? []),
]);

function compileUserRules(rules: CleanRules, name: string): CompiledRule {
  return {
    name,
    remove: rules.remove.map((selector) => compile<AnyNode, Element>(selector)),
    unwrap: [],
    removePattern: rules.removePattern.map((pattern) => new RegExp(pattern, 'gu')),
  };
}

function lastKeepOnly(sets: readonly CleanRules[]): Matcher | null {
  for (let i = sets.length - 1; i >= 0; i--) {
    const selector = sets[i]?.keepOnly;
    if (selector) return compile<AnyNode, Element>(selector);
  }
  return null;
}
