// @ts-check
// The linter guards the architecture (docs/architecture.md): no import cycles, and each
// layer imports only what may run where it runs. Formatting is Prettier's (npm run lint).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';

/** Modules that tie code to Node: not in the engine, the web-safe LSP glue or the shared protocol. */
const NODE_ONLY = [
  { group: ['node:*'], message: 'Node built-ins belong in server/src/node/ or server/src/cli/.' },
  { group: ['vscode-languageserver/node'], message: 'The Node transport belongs in server/src/node/.' },
];
/** The engine is a pure library: it speaks LSP types, never an editor or a connection. */
const EDITOR_RUNTIME = [
  { group: ['vscode'], message: 'The engine never imports the editor API.' },
  { group: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'The engine uses vscode-languageserver-types only.' },
  { group: ['**/lsp/**', '**/lsp', '**/node/**', '**/cli/**', '**/client/**'], message: 'The engine imports nothing above it.' },
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'test/e2e/vscode-host/**', 'test/e2e/out/**', '**/*.vsix', 'packages/*/dist/**', 'packages/*/node_modules/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', URL: 'readonly', Buffer: 'readonly', performance: 'readonly', queueMicrotask: 'readonly', structuredClone: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', globalThis: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', self: 'readonly', window: 'readonly', document: 'readonly', fetch: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', AbortController: 'readonly' } },
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
    files: ['server/src/lsp/**/*.ts', 'server/src/shared/**/*.ts', 'server/src/browserServer.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: NODE_ONLY }] },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/src/*', '!**/server/src/shared', '**/server/src/*/**', '!**/server/src/shared/**'], message: 'The client shares only server/src/shared/ with the server.' }] }],
    },
  },
  prettier,
);
