import * as fs from 'node:fs';
import { describeError } from '../node/fsErrors';

export { describeError };
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** One `.gitignore`: its rules apply to paths relative to its directory. */
interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

export interface Discovery {
  /** Absolute paths of the files to lint, in a stable order, without duplicates. */
  files: string[];
  /** One-line problems (a path that does not exist, a directory that cannot be read, a symlink loop). */
  problems: string[];
}

const MARKDOWN = /\.(md|markdown)$/i;
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

/**
 * Expands the command-line paths: files are taken as given (whatever their
 * extension), directories are searched for Markdown files.
 */
export function discoverFiles(paths: string[], cwd: string, display: (file: string) => string): Discovery {
  const files: string[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const add = (file: string, real?: string) => {
    let key = real ?? file;
    if (real === undefined) {
      try {
        key = fs.realpathSync(file);
      } catch {
        // Reading it will report the problem.
      }
    }
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };

  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      problems.push(`${given}: ${describeError(error)}`);
      continue;
    }
    if (!stat.isDirectory()) {
      add(absolute);
      continue;
    }
    const found: Found[] = [];
    const real = realpath(absolute);
    walk(absolute, real, ancestorLayers(absolute), withAncestors(real), found, problems, display);
    found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    for (const each of found) add(each.file, each.real);
  }
  return { files, problems };
}

function realpath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/** A directory and all above it: a link to any of them leads back into the search. */
function withAncestors(dir: string): string[] {
  const chain = [dir];
  for (let parent = path.dirname(dir); parent !== chain[chain.length - 1]; parent = path.dirname(parent)) chain.push(parent);
  return chain;
}

/**
 * A file found in a directory, with its real path: the directory's real path and its name,
 * unless it is a symbolic link. Resolving every file's path again (realpath reads each
 * directory above it) took longer than reading the files.
 */
interface Found {
  file: string;
  real: string;
}

function walk(
  dir: string,
  realDir: string,
  layers: IgnoreLayer[],
  stack: string[],
  found: Found[],
  problems: string[],
  display: (file: string) => string,
): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    problems.push(`${display(dir)}: cannot read directory: ${describeError(error)}`);
    return;
  }
  // Read only where the listing has one: an error built and thrown per directory cost more than its listing.
  const own = entries.some((entry) => entry.name === '.gitignore') ? readGitignore(dir, problems, display) : undefined;
  const active = own ? [...layers, own] : layers;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      let target: fs.Stats;
      try {
        target = fs.statSync(full);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ELOOP') problems.push(`${display(full)}: symbolic link loop, skipped`);
        else if (MARKDOWN.test(entry.name) && code === 'ENOENT') problems.push(`${display(full)}: broken symbolic link, skipped`);
        else if (MARKDOWN.test(entry.name)) problems.push(`${display(full)}: ${describeError(error)}`);
        continue;
      }
      isDirectory = target.isDirectory();
      isFile = target.isFile();
    }
    if (isDirectory) {
      if (isIgnored(active, full, true)) continue;
      const real = realpath(full);
      if (stack.includes(real)) {
        problems.push(`${display(full)}: symbolic link loop (it leads back to ${display(real)}), skipped`);
        continue;
      }
      walk(full, real, active, [...stack, real], found, problems, display);
    } else if (isFile && MARKDOWN.test(entry.name) && !isIgnored(active, full, false)) {
      found.push({ file: full, real: entry.isSymbolicLink() ? realpath(full) : path.join(realDir, entry.name) });
    }
  }
}

/**
 * Git applies every `.gitignore` from the repository root down, a deeper one
 * able to re-include (`!pattern`) what a shallower one excluded.
 */
function isIgnored(layers: IgnoreLayer[], full: string, directory: boolean): boolean {
  let ignored = false;
  for (const layer of layers) {
    const relative = path.relative(layer.base, full).split(path.sep).join('/');
    if (!relative || relative.startsWith('../')) continue;
    const result = layer.rules.test(directory ? `${relative}/` : relative);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

function readGitignore(dir: string, problems: string[], display: (file: string) => string): IgnoreLayer | undefined {
  const file = path.join(dir, '.gitignore');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') problems.push(`${display(file)}: ${describeError(error)}`);
    return undefined;
  }
  return { base: dir, rules: ignore().add(text) };
}

/**
 * The `.gitignore` files above a searched directory, from the git root down
 * (none when the directory is not inside a git work tree: those files are
 * nobody's rules).
 */
function ancestorLayers(dir: string): IgnoreLayer[] {
  const chain: string[] = [];
  let current = path.dirname(dir);
  let root: string | undefined;
  if (fs.existsSync(path.join(dir, '.git'))) return [];
  for (;;) {
    chain.push(current);
    if (fs.existsSync(path.join(current, '.git'))) {
      root = current;
      break;
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (!root) return [];
  const layers: IgnoreLayer[] = [];
  for (const ancestor of chain.reverse()) {
    const layer = readGitignore(ancestor, [], (f) => f);
    if (layer) layers.push(layer);
  }
  return layers;
}
