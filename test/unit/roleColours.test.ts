/**
 * Role codes are legible: every colour the preview and the overview give a code meets
 * WCAG AA (4.5:1) against the light, dark and high-contrast backgrounds of VS Code's
 * themes, on the overview's cell tints too; each role differs from its neighbours by more
 * than colour; the author's emphasis is kept (no weight set on C or I).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const roles = readFileSync(new URL('../../media/raci-roles.css', import.meta.url), 'utf8');
const overview = readFileSync(new URL('../../media/overview.css', import.meta.url), 'utf8');

type Rgb = [number, number, number];
const hex = (h: string): Rgb => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
function luminance([r, g, b]: Rgb): number {
  const f = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
const over = (fg: Rgb, alpha: number, bg: Rgb): Rgb => fg.map((c, i) => Math.round(c * alpha + bg[i] * (1 - alpha))) as Rgb;

/** Editor, preview, sidebar and widget backgrounds of the built-in themes. */
const BACKGROUNDS = {
  light: ['#ffffff', '#f8f8f8', '#f3f3f3'], // Light Modern, Light+, widgets and table heads
  dark: ['#1e1e1e', '#1f1f1f', '#181818', '#252526'], // Dark+, Dark Modern, widgets
};

/** `selector { --raci-fg: #xxxxxx; }` rules of a theme: `prefix` '' for light, '.vscode-dark ' for dark. */
function colours(prefix: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, selector, colour] of roles.matchAll(/^([^{}\n]+?)\s*\{\s*--raci-fg:\s*(#[0-9a-f]{6});\s*\}/gim)) {
    const isDark = selector.startsWith('.vscode-dark ');
    if ((prefix === '') === !isDark) found.set(selector.replace('.vscode-dark ', ''), colour);
  }
  return found;
}

/** The overview's cell tints for a theme, as rgba. */
function tints(dark: boolean): { alpha: number; rgb: Rgb }[] {
  const found: { alpha: number; rgb: Rgb }[] = [];
  for (const [, selector, r, g, b, a] of overview.matchAll(
    /^([^{}\n]+?)\s*\{\s*background:\s*rgba\((\d+),\s*(\d+),\s*(\d+),\s*([\d.]+)\);\s*\}/gm,
  )) {
    if (!/\.cell-/.test(selector) || selector.startsWith('.vscode-dark') !== dark) continue;
    found.push({ rgb: [Number(r), Number(g), Number(b)], alpha: Number(a) });
  }
  return found;
}

for (const theme of ['light', 'dark'] as const) {
  test(`${theme} themes: every role colour has 4.5:1 on every background and cell tint`, () => {
    const list = colours(theme === 'dark' ? '.vscode-dark ' : '');
    assert.ok(list.size >= 6, `found ${[...list.keys()].join(', ')}`);
    const grounds = BACKGROUNDS[theme].map(hex);
    const tinted = tints(theme === 'dark');
    assert.ok(tinted.length >= 4);
    const failing: string[] = [];
    for (const [selector, colour] of list) {
      for (const ground of grounds) {
        for (const bg of [ground, ...tinted.map((t) => over(t.rgb, t.alpha, ground))]) {
          const ratio = contrast(hex(colour), bg);
          if (ratio < 4.5) failing.push(`${selector} ${colour} on rgb(${bg.join(',')}): ${ratio.toFixed(2)}`);
        }
      }
    }
    assert.deepEqual(failing, []);
  });
}

test('high contrast (dark and light): codes take the theme foreground, and cells are not tinted', () => {
  for (const theme of ['.vscode-high-contrast', '.vscode-high-contrast-light']) {
    assert.match(roles, new RegExp(`${theme.replace(/\./g, '\\.')} \\.raci-code[^{]*\\{ --raci-fg: inherit; \\}`), theme);
    assert.ok(overview.includes(`${theme} [class*='cell-']`), theme);
  }
});

test("roles differ by more than colour, and C and I keep the author's weight", () => {
  const rule = (selector: string) => new RegExp(`^${selector.replace(/\./g, '\\.')} \\{([^}]*)\\}`, 'm').exec(roles)?.[1] ?? '';
  const cue = (selector: string) => {
    const body = rule(selector);
    return [/text-decoration-style:\s*(\w+)/.exec(body)?.[1] ?? '', /outline:/.test(body) ? 'box' : ''].join(' ');
  };
  const cues = ['.raci-C', '.raci-I'].map(cue);
  assert.deepEqual(cues, ['dashed ', 'dotted ']);
  assert.match(roles, /\.raci-R \{[^}]*text-decoration-style: solid/);
  assert.match(roles, /\.raci-A \{[^}]*outline:/);
  for (const selector of ['.raci-C', '.raci-I']) assert.doesNotMatch(rule(selector), /font-weight/, selector);
});
