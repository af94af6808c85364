import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STYLE_CSS } from '../../src/site/style.css.js';

// WCAG 2.1 AA: 4.5:1 for body text. The colours are read from the stylesheet itself, so a
// changed colour that breaks contrast fails here.

function variables(block: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, name, value] of block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)) {
    found.set(name ?? '', (value ?? '').toLowerCase());
  }
  return found;
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const light = variables(
  STYLE_CSS.slice(0, STYLE_CSS.indexOf('@media (prefers-color-scheme: dark)')),
);
// The dark block's `:root { … }`, up to its closing brace (the print palette comes later).
const darkStart = STYLE_CSS.indexOf('@media (prefers-color-scheme: dark)');
const dark = new Map([
  ...light,
  ...variables(STYLE_CSS.slice(darkStart, STYLE_CSS.indexOf('}', darkStart))),
]);

for (const [scheme, colours] of [
  ['light', light],
  ['dark', dark],
] as const) {
  test(`${scheme} scheme: text, muted text, links and errors reach 4.5:1 on every background`, () => {
    const get = (name: string): string => {
      const value = colours.get(name);
      assert.ok(value, `--${name} is defined`);
      return value;
    };
    const pairs: [string, string][] = [
      ['text', 'bg'],
      ['text', 'surface'],
      ['muted', 'bg'],
      ['muted', 'surface'],
      ['accent', 'bg'],
      ['accent', 'surface'],
      ['accent', 'accent-soft'],
      ['on-accent', 'accent'],
      ['error', 'surface'],
      ['text', 'accent-soft'],
    ];
    for (const [fore, back] of pairs) {
      const ratio = contrast(get(fore), get(back));
      assert.ok(ratio >= 4.5, `--${fore} on --${back}: ${ratio.toFixed(2)}:1`);
    }
  });
}
