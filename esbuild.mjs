// One build script, one context per target (as in vscode-extension-samples' esbuild-sample):
// the clients keep `vscode` external; the servers and the CLI bundle everything.
// The `dist/web/` pair is the browser build (vscode.dev, github.dev): the web extension
// (CommonJS, loaded by VS Code's web extension host) and the language server as a
// classic-script web worker (IIFE). Neither may need a Node built-in: with
// `platform: 'browser'` an import of one fails the build.
// `--production` minifies and drops source maps; `--watch` rebuilds on change.
// Type-checking is `tsc --noEmit`, run separately.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
};

// Both run in web workers (the web extension host, the server's own worker), where there is
// no DOM: the `worker` condition picks packages' worker builds over their DOM ones
// (decode-named-character-reference's `browser` build calls `document.createElement`).
const web = { ...common, platform: 'browser', target: 'es2022', conditions: ['worker'] };

export const nodeTargets = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/node/server.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

export const webTargets = [
  { ...web, entryPoints: ['client/src/browserExtension.ts'], outfile: 'dist/web/extension.js', external: ['vscode'] },
  { ...web, format: 'iife', entryPoints: ['server/src/web/server.ts'], outfile: 'dist/web/server.js' },
];

// The npm package `raci-lint` (packages/raci-lint/): the CLI and the language server, each one
// self-contained file, so that the package has no dependency to install. Always minified:
// it is what users install; `--cli-package` builds it alone (its `prepack`).
const cliPackage = 'packages/raci-lint';
const shebang = { js: '#!/usr/bin/env node' };
export const packageTargets = [
  { ...common, minify: true, sourcemap: false, entryPoints: ['server/src/cli.ts'], outfile: `${cliPackage}/dist/cli.js`, banner: shebang },
  {
    ...common,
    minify: true,
    sourcemap: false,
    entryPoints: ['server/src/node/server.ts'],
    outfile: `${cliPackage}/dist/server.js`,
    banner: shebang,
  },
];

const onlyPackage = process.argv.includes('--cli-package');
const targets = onlyPackage ? packageTargets : [...nodeTargets, ...webTargets, ...packageTargets];

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // The package ships the .raci.json schema beside the programs, for `$schema`.
  fs.mkdirSync(new URL(`${cliPackage}/schemas/`, import.meta.url), { recursive: true });
  fs.copyFileSync(new URL('schemas/raci.schema.json', import.meta.url), new URL(`${cliPackage}/schemas/raci.schema.json`, import.meta.url));
  const contexts = await Promise.all(targets.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
  } else {
    await Promise.all(contexts.map((context) => context.rebuild()));
    await Promise.all(contexts.map((context) => context.dispose()));
  }
}
