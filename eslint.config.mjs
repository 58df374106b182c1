// @ts-check
// The linter guards the architecture (docs/architecture.md): no import cycles, and each
// layer imports only what may run where it runs. Formatting is Prettier's (npm run lint).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** Modules that tie code to Node: not in the engine, the web-safe LSP glue or the shared protocol. */
const NODE_ONLY = [
  { group: ['node:*'], message: 'Node built-ins belong in server/src/node/ or server/src/cli/.' },
  { group: ['vscode-languageserver/node'], message: 'The Node transport belongs in server/src/node/.' },
];
/** Outside the engine, only its public index (server/src/engine/index.ts) is imported. */
const ENGINE_INSIDE = { group: ['**/engine/*', '!**/engine/index'], message: 'Import the engine through its index (server/src/engine).' };
/** The engine is a pure library: it speaks LSP types, never an editor or a connection. */
const EDITOR_RUNTIME = [
  { group: ['vscode'], message: 'The engine never imports the editor API.' },
  {
    group: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*'],
    message: 'The engine uses vscode-languageserver-types only.',
  },
  { group: ['**/lsp/**', '**/lsp', '**/node/**', '**/cli/**', '**/client/**'], message: 'The engine imports nothing above it.' },
];

export default tseslint.config(
  {
    // What .gitignore leaves out: build output (any dist/, the e2e suites' own builds),
    // installed packages, the real-editor host and its artifacts.
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'test/e2e/vscode-host/**',
      'test/e2e/out/**',
      'test/e2e/artifacts/**',
      'test/e2e/.work/**',
      '.cache/**',
      '**/*.vsix',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.js', '.json'] })] },
    rules: {
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['server/src/engine/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...NODE_ONLY, ...EDITOR_RUNTIME] }] },
  },
  {
    files: ['server/src/lsp/**/*.ts', 'server/src/shared/**/*.ts', 'server/src/web/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...NODE_ONLY, ENGINE_INSIDE] }] },
  },
  {
    files: ['server/src/node/**/*.ts', 'server/src/cli/**/*.ts', 'server/src/cli.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ENGINE_INSIDE] }] },
  },
  {
    // The preview's markdown-it plugin (client/src/preview/) runs the engine itself, as the
    // CLI does: VS Code's preview has no connection to the language server.
    files: ['client/src/**/*.ts'],
    ignores: ['client/src/preview/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/src/*', '!**/server/src/shared', '**/server/src/*/**', '!**/server/src/shared/**'],
              message: 'The client shares only server/src/shared/ with the server.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/preview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/src/engine/*', '**/server/src/lsp/**', '**/server/src/node/**', '**/server/src/cli/**'],
              message: 'The preview uses the engine through its public index and the shared settings only.',
            },
          ],
        },
      ],
    },
  },
  {
    // The overview page's script runs in a webview (a browser); the test extensions are CommonJS.
    files: ['media/**/*.js'],
    languageOptions: { globals: { ...globals.browser, acquireVsCodeApi: 'readonly' } },
  },
  {
    // Playwright drivers: the functions they hand to the page run in the browser.
    files: ['test/web/**', 'test/e2e/**/*.mjs', 'test/lsp/web.test.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['test/e2e/**/extension.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.commonjs } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
