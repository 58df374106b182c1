/**
 * Role codes are legible and look the same everywhere: every colour the preview and the
 * overview give a code meets WCAG AA (4.5:1) against the light, dark and high-contrast
 * backgrounds of VS Code's themes, on the overview's cell tints too; the editor shows each
 * code in the same colour as they do on the built-in themes, leaves other themes and the
 * user's own rules alone, and never makes C red; each role differs from its neighbours by
 * more than colour; the author's emphasis is kept (no weight set on C or I).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { INITIAL, Registry, parseRawGrammar, type IRawTheme } from 'vscode-textmate';
import { createOnigScanner, createOnigString, loadWASM } from 'vscode-oniguruma';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const roles = read('media/raci-roles.css');
const overview = read('media/overview.css');

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

/** The editor's default token colours, per theme-specific key of `editor.tokenColorCustomizations`. */
type Rule = { scope: string; settings: { foreground?: string; fontStyle?: string } };
const manifest = JSON.parse(read('package.json'));
const editorDefaults = (manifest.contributes.configurationDefaults?.['editor.tokenColorCustomizations'] ?? {}) as Record<
  string,
  { textMateRules?: Rule[] }
>;
const themesOf = (key: string) => [...key.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]);
const isLight = (key: string) => themesOf(key).every((name) => /Light/.test(name));

for (const theme of ['light', 'dark'] as const) {
  test(`editor, ${theme} built-in themes: every role colour has 4.5:1 on the editor's backgrounds`, () => {
    const keys = Object.keys(editorDefaults).filter((key) => isLight(key) === (theme === 'light'));
    assert.equal(keys.length, 1, Object.keys(editorDefaults).join(' '));
    const rules = editorDefaults[keys[0]].textMateRules ?? [];
    assert.ok(rules.length >= 8);
    // Light Modern, Light+ and Light 2026 are white; Dark Modern, Dark+ and Dark 2026 below.
    const grounds = theme === 'light' ? ['#ffffff', '#f8f8f8'] : ['#1e1e1e', '#1f1f1f', '#121314'];
    const failing = rules.flatMap((rule) =>
      grounds
        .map((ground) => [ground, contrast(hex(rule.settings.foreground!), hex(ground))] as const)
        .filter(([, ratio]) => ratio < 4.5)
        .map(([ground, ratio]) => `${rule.scope} ${rule.settings.foreground} on ${ground}: ${ratio.toFixed(2)}`),
    );
    assert.deepEqual(failing, []);
  });
}

/** Hue in degrees (0 red, 120 green, 240 blue). */
function hue([r, g, b]: Rgb): number {
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

// The stand-in for VS Code's Markdown grammar that test/unit/grammar.test.ts uses, with the injection.
const ROOT = new URL('../../', import.meta.url);
async function registryWith(theme: IRawTheme): Promise<Registry> {
  const wasm = readFileSync(new URL('node_modules/vscode-oniguruma/release/onig.wasm', ROOT));
  await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).catch(() => undefined); // loaded once per process
  const files: Record<string, string> = {
    'text.html.markdown': 'test/fixtures/grammar/markdown-host.tmLanguage.json',
    'markdown.raci.injection': 'syntaxes/raci.injection.tmLanguage.json',
  };
  return new Registry({
    onigLib: Promise.resolve({ createOnigScanner, createOnigString }),
    loadGrammar: async (scopeName) => (files[scopeName] ? parseRawGrammar(read(files[scopeName]), files[scopeName]) : null),
    getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? ['markdown.raci.injection'] : undefined),
    theme,
  });
}

/**
 * The rules of VS Code's built-in themes that the grammar's letter scopes fall under (from
 * theme-defaults: light_vs + light_plus under Light Modern, dark_vs + dark_plus under Dark Modern).
 */
const BUILT_IN: Record<'light' | 'dark', Rule[]> = {
  light: [
    ['comment', '#008000'],
    ['constant.numeric', '#098658'],
    ['string', '#a31515'],
    ['keyword', '#0000ff'],
    ['entity.name.function', '#795E26'],
    ['support.type', '#267f99'],
    ['entity.name.type', '#267f99'],
    ['variable', '#001080'],
  ].map(([scope, foreground]) => ({ scope, settings: { foreground } })),
  dark: [
    ['comment', '#6A9955'],
    ['constant.numeric', '#b5cea8'],
    ['string', '#ce9178'],
    ['keyword', '#569cd6'],
    ['entity.name.function', '#DCDCAA'],
    ['support.type', '#4EC9B0'],
    ['entity.name.type', '#4EC9B0'],
    ['variable', '#9CDCFE'],
  ].map(([scope, foreground]) => ({ scope, settings: { foreground } })),
};

/**
 * The colour of each letter of `| Ship | R | A | C | I | S |` in the editor, with a theme and
 * customisations applied as VS Code applies them: the theme's rules, then the general
 * `textMateRules`, then those of every key naming the theme (later rules win ties).
 */
async function editorColours(
  themeId: string,
  themeRules: Rule[],
  customisations: Record<string, unknown>,
): Promise<Record<string, string>> {
  const specific = Object.entries(customisations)
    .filter(([key]) => key.startsWith('[') && themesOf(key).includes(themeId))
    .flatMap(([, value]) => (value as { textMateRules?: Rule[] }).textMateRules ?? []);
  const general = (customisations.textMateRules as Rule[] | undefined) ?? [];
  const registry = await registryWith({
    name: themeId,
    settings: [{ settings: { foreground: '#808080' } }, ...themeRules, ...general, ...specific],
  });
  const grammar = (await registry.loadGrammar('text.html.markdown'))!;
  const colours = registry.getColorMap();
  const lines = ['| Activity | Ann | Bob | Cy | Dee | Eve |', '|---|---|---|---|---|---|', '| Ship | R | A | C | I | S |'];
  let state = INITIAL;
  let tokens: Uint32Array = new Uint32Array();
  for (const line of lines) ({ tokens, ruleStack: state } = grammar.tokenizeLine2(line, state));
  const row = lines[2];
  const found: Record<string, string> = {};
  for (let i = 0; i < tokens.length; i += 2) {
    const letter = row[tokens[i]];
    if (/[RACIS]/.test(letter) && row[tokens[i] + 1] === ' ') found[letter] = colours[(tokens[i + 1] & 0xff8000) >>> 15].toLowerCase();
  }
  return found;
}

/** The preview's (and the overview's) colour for each letter, from media/raci-roles.css. */
function previewColours(theme: 'light' | 'dark'): Record<string, string> {
  const list = colours(theme === 'dark' ? '.vscode-dark ' : '');
  const other = [...list.entries()].find(([selector]) => selector.startsWith('.raci-code'))?.[1];
  return { R: list.get('.raci-R')!, A: list.get('.raci-A')!, C: list.get('.raci-C')!, I: list.get('.raci-I')!, S: other! };
}

for (const [theme, themeId] of [
  ['light', 'Light Modern'],
  ['light', 'Default Light+'],
  ['dark', 'Dark Modern'],
  ['dark', 'Default Dark+'],
] as const) {
  test(`editor on ${themeId}: R, A, C, I and S have the preview's and the overview's colours`, async () => {
    assert.deepEqual(await editorColours(themeId, BUILT_IN[theme], editorDefaults), previewColours(theme));
  });
}

test('editor: C is never red (it reads as an error), in the editor, the preview and the overview', async () => {
  for (const theme of ['light', 'dark'] as const) {
    const { C } = await editorColours(theme === 'light' ? 'Light Modern' : 'Dark Modern', BUILT_IN[theme], editorDefaults);
    for (const colour of [C, previewColours(theme).C]) {
      const h = hue(hex(colour));
      assert.ok(h >= 60 && h <= 300, `C is ${colour} (hue ${h.toFixed(0)}°) on ${theme} themes`);
    }
  }
});

test("editor: the user's own rule for a role's scope wins, and other themes keep their colours", async () => {
  const user = { ...editorDefaults, textMateRules: [{ scope: 'keyword.other.raci.accountable', settings: { foreground: '#e5534b' } }] };
  const light = await editorColours('Light Modern', BUILT_IN.light, user);
  assert.equal(light.A, '#e5534b');
  assert.equal(light.R, previewColours('light').R);
  // A theme the extension does not know colours the letters by their scopes' families, as before.
  const monokai: Rule[] = [
    { scope: 'entity.name.function', settings: { foreground: '#A6E22E' } },
    { scope: 'keyword', settings: { foreground: '#F92672' } },
  ];
  const other = await editorColours('Monokai', monokai, editorDefaults);
  assert.equal(other.R, '#a6e22e');
  assert.equal(other.A, '#f92672');
  // Only the built-in light and dark themes are named (high contrast keeps its own foreground).
  for (const key of Object.keys(editorDefaults))
    for (const name of themesOf(key)) assert.match(name, /^(Default )?(Light|Dark)( Modern|\+| 2026)?$|^Visual Studio (Light|Dark)$/, name);
});
