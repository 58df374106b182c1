/**
 * The role colours: one palette for the editor, the Markdown preview and the overview, so
 * that R is the same blue wherever a user sees it. `npm run generate` writes it into
 * media/raci-roles.css (preview and overview), media/overview.css (the overview's cell tints)
 * and package.json (the editor's default token colours); test/unit/roleColours.test.ts checks
 * the contrast of every colour and that the three places agree.
 *
 * Hues from the Okabe–Ito palette, which people with the common colour-vision deficiencies
 * tell apart; each darkened (light themes) or lightened (dark themes) to WCAG AA, 4.5:1, on
 * the themes' backgrounds and on the tints. Only the invalid code is red: C is green, so
 * that a consulted party never reads as an error.
 */

/** Red, green, blue (0-255) and opacity. */
export type Rgba = readonly [number, number, number, number];

export interface RoleColour {
  /** Text colour on light themes. */
  light: string;
  /** Text colour on dark themes. */
  dark: string;
  /** The overview's background for a cell whose strongest code this is. */
  tint?: { light: Rgba; dark: Rgba };
}

/** R, A, C and I by letter, as the editor's grammar scopes them; `other` is every other letter. */
export const ROLE_COLOURS = {
  R: { light: '#0064a0', dark: '#6cc0f0', tint: { light: [0, 114, 178, 0.14], dark: [86, 180, 233, 0.2] } },
  A: { light: '#a54009', dark: '#ff9e6b', tint: { light: [213, 94, 0, 0.16], dark: [255, 140, 80, 0.22] } },
  C: { light: '#006f52', dark: '#4fd6ad', tint: { light: [0, 158, 115, 0.14], dark: [79, 214, 173, 0.18] } },
  I: { light: '#934773', dark: '#e9a6cd', tint: { light: [204, 121, 167, 0.14], dark: [233, 166, 205, 0.18] } },
  other: { light: '#825800', dark: '#f0c24b', tint: { light: [230, 159, 0, 0.16], dark: [240, 194, 75, 0.16] } },
  invalid: { light: '#c4001a', dark: '#ff8f9a' },
} as const satisfies Record<string, RoleColour>;

/** The letters the editor's grammar scopes besides R, A, C and I: they take the `other` colour and tint. */
export const OTHER_LETTERS = ['S', 'V', 'O', 'D'] as const;

/**
 * The built-in themes the editor colours take effect in, by their ids (older VS Code names
 * them "Default …"). Other themes keep their own colours for the grammar's scopes, and high
 * contrast keeps its foreground, as the preview does.
 */
export const EDITOR_THEMES = {
  light: ['Default Light Modern', 'Light Modern', 'Default Light+', 'Light+', 'Visual Studio Light', 'Light 2026'],
  dark: ['Default Dark Modern', 'Dark Modern', 'Default Dark+', 'Dark+', 'Visual Studio Dark', 'Dark 2026'],
} as const;
