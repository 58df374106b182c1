import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeError } from './files';

/** A Markdown file as read: its text without the BOM, and what is needed to write it back safely. */
export interface SourceFile {
  path: string;
  bytes: Buffer;
  text: string;
  bom: boolean;
  mtimeMs: number;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const BINARY_PROBE = 8 * 1024;

/** Reads a file, or says in one line why it cannot be linted. */
export function readSource(file: string): SourceFile | { problem: string } {
  let bytes: Buffer;
  let mtimeMs: number;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return { problem: 'is a directory' };
    bytes = fs.readFileSync(file);
    mtimeMs = stat.mtimeMs;
  } catch (error) {
    return { problem: `cannot read: ${describeError(error)}` };
  }
  const probe = bytes.subarray(0, BINARY_PROBE);
  if (probe.includes(0)) return { problem: 'binary file (it contains a NUL byte), skipped' };
  const bom = bytes.subarray(0, 3).equals(BOM);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    return { problem: `not valid UTF-8 (bad byte near offset ${firstInvalidUtf8(bytes)}), skipped` };
  }
  return { path: file, bytes, text, bom, mtimeMs };
}

export function encodeSource(source: SourceFile, text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  return source.bom ? Buffer.concat([BOM, body]) : body;
}

export interface WriteHooks {
  /** Called after the temporary file is written, right before the last check (tests change the file here). */
  beforeCheck?: () => void;
}

export type WriteResult = { written: true } | { written: false; problem?: string };

/**
 * Replaces the file's content atomically: a temporary file in the same
 * directory, renamed over the original. Nothing is written when the content is
 * the same, and nothing is replaced when the file changed on disk since it was read.
 */
export function writeAtomically(source: SourceFile, content: Buffer, hooks: WriteHooks = {}): WriteResult {
  if (content.equals(source.bytes)) return { written: false };
  let target: string;
  let stat: fs.Stats;
  try {
    // Through a symlink, replace the file it points to, not the link.
    target = fs.realpathSync(source.path);
    stat = fs.statSync(target);
  } catch (error) {
    return { written: false, problem: `cannot write the fixes: ${describeError(error)}` };
  }
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.raci-lint-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(temporary, content, { flag: 'wx', mode: stat.mode & 0o7777 });
    fs.chmodSync(temporary, stat.mode & 0o7777);
    try {
      fs.chownSync(temporary, stat.uid, stat.gid);
    } catch {
      // Only the owner or root may give a file away; keeping our own ownership is fine.
    }
    hooks.beforeCheck?.();
    if (changedOnDisk(target, source)) {
      fs.rmSync(temporary, { force: true });
      return { written: false, problem: 'changed on disk since it was read; fixes not written' };
    }
    fs.renameSync(temporary, target);
    return { written: true };
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    return { written: false, problem: `cannot write the fixes: ${describeError(error)}` };
  }
}

function changedOnDisk(file: string, source: SourceFile): boolean {
  try {
    const stat = fs.statSync(file);
    if (stat.mtimeMs !== source.mtimeMs || stat.size !== source.bytes.length) return true;
    return !fs.readFileSync(file).equals(source.bytes);
  } catch {
    return true;
  }
}

function firstInvalidUtf8(bytes: Buffer): number {
  // A streaming decode of a prefix fails only if the prefix holds a bad sequence;
  // binary search for the longest prefix that does not.
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}
