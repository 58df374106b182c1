import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeError } from './files';
import { NotReadError, readRegularFileSync, type ReadBuffer, type RegularFile } from '../node/regularFile';

/** A Markdown file's text as read, without the BOM. */
export interface SourceText {
  path: string;
  text: string;
  bom: boolean;
  mtimeMs: number;
}

/** A Markdown file as read, with what is needed to write it back safely: the bytes it held. */
export interface SourceFile extends SourceText {
  bytes: Buffer;
}

/** A file not linted because of its size in bytes, more than any text under the limit takes. */
export interface TooLarge {
  problem: string;
  tooLarge: number;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** One decoder for every file: decoding whole buffers (not a stream), it keeps nothing from one to the next. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const BINARY_PROBE = 8 * 1024;

/**
 * The most bytes a file of `maxCharacters` UTF-16 code units can take in UTF-8 (each code
 * unit is at most three bytes), with a BOM: a larger file is over the limit unread.
 */
export function maxBytesFor(maxCharacters: number): number {
  return 3 * maxCharacters + BOM.length;
}

/** Reads a regular file, or says in one line why it cannot be linted. */
export function readSource(file: string, maxBytes = Number.MAX_SAFE_INTEGER): SourceFile | TooLarge | { problem: string } {
  return read(file, maxBytes);
}

/**
 * As readSource, reading the file into `into` (see ReadBuffer), whose next read overwrites
 * the bytes: what it returns has the text only, which a write back cannot take.
 */
export function readSourceText(file: string, maxBytes: number, into: ReadBuffer): SourceText | TooLarge | { problem: string } {
  const source = read(file, maxBytes, into);
  if (!('text' in source)) return source;
  return { path: source.path, text: source.text, bom: source.bom, mtimeMs: source.mtimeMs };
}

/** Whether `source` holds the bytes it was read from (readSource), which writing it back needs. */
export function hasBytes(source: SourceText): source is SourceFile {
  return 'bytes' in source;
}

function read(file: string, maxBytes: number, into?: ReadBuffer): SourceFile | TooLarge | { problem: string } {
  let read: RegularFile;
  try {
    read = readRegularFileSync(file, Math.min(maxBytes, MAX_READ), into);
  } catch (error) {
    if (error instanceof NotReadError) {
      if (error.kind === 'too-large' && error.size !== undefined && error.size > maxBytes)
        return { problem: error.message, tooLarge: error.size };
      return { problem: error.kind === 'unreadable' ? `cannot read: ${error.message}` : error.message };
    }
    throw error;
  }
  const { bytes, stat } = read;
  const probe = bytes.subarray(0, BINARY_PROBE);
  if (probe.includes(0)) return { problem: 'binary file (it contains a NUL byte), skipped' };
  const bom = bytes.subarray(0, 3).equals(BOM);
  let text: string;
  try {
    text = UTF8.decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    return { problem: `not valid UTF-8 (bad byte near offset ${firstInvalidUtf8(bytes)}), skipped` };
  }
  return { path: file, bytes, text, bom, mtimeMs: stat.mtimeMs };
}

/** Node cannot hold a string longer than this (about 512 MB): no limit raises the read above it. */
const MAX_READ = 2 ** 29;

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
 * Replaces the file's content as careful tools do. Nothing is written when the content
 * is the same, when the file changed on disk since it was read, or when the user may
 * not write it: a file with no write permission for anyone (mode 0444) counts as
 * read-only even for root, who could write it, as `chmod a-w` says "leave it alone".
 * The new content goes to a temporary file in the same directory, given the file's
 * owner, group and mode (setuid and setgid bits included), and renamed over it, so a
 * crash leaves the old file or the new one, never half of it. Where a new file cannot
 * be the same file, the file is rewritten in place instead: a file with several hard
 * links (a rename would leave the other names with the old text) and a file whose owner
 * or group a new file cannot get (the user is not its owner).
 *
 * Extended attributes (and ACLs) of a renamed file are not carried over: Node has no
 * call to read or set them.
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
  const refusal = whyNotWritable(target, stat);
  if (refusal) return { written: false, problem: `${refusal}; fixes not written` };
  if (stat.nlink > 1) return writeInPlace(target, source, content, hooks);
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.raci-lint-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    fs.writeFileSync(temporary, content, { flag: 'wx', mode: 0o600 });
    const made = fs.statSync(temporary);
    if (made.uid !== stat.uid || made.gid !== stat.gid) {
      try {
        fs.chownSync(temporary, stat.uid, stat.gid);
      } catch {
        // Only root (or the owner, for a group of theirs) may give a file away: the file stays itself.
        fs.rmSync(temporary, { force: true });
        return writeInPlace(target, source, content, hooks);
      }
    }
    // After the owner: changing the owner clears the setuid and setgid bits.
    fs.chmodSync(temporary, stat.mode & 0o7777);
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

function whyNotWritable(target: string, stat: fs.Stats): string | undefined {
  if ((stat.mode & 0o222) === 0) return `read-only (mode ${(stat.mode & 0o7777).toString(8).padStart(4, '0')})`;
  try {
    fs.accessSync(target, fs.constants.W_OK);
  } catch {
    return 'you may not write this file (permission denied)';
  }
  return undefined;
}

/** Overwrites the file itself (same inode: links, owner, mode and attributes stay). */
function writeInPlace(target: string, source: SourceFile, content: Buffer, hooks: WriteHooks): WriteResult {
  hooks.beforeCheck?.();
  if (changedOnDisk(target, source)) return { written: false, problem: 'changed on disk since it was read; fixes not written' };
  let fd: number | undefined;
  try {
    fd = fs.openSync(target, 'r+');
    let written = 0;
    while (written < content.length) written += fs.writeSync(fd, content, written, content.length - written, written);
    fs.ftruncateSync(fd, content.length);
    fs.fsyncSync(fd);
    return { written: true };
  } catch (error) {
    return { written: false, problem: `cannot write the fixes: ${describeError(error)}` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
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
  // That prefix may end in the first bytes of a sequence that the next byte breaks, or that the
  // file cuts short: the bad sequence starts at its lead byte, which a user looks for.
  let start = low;
  while (start > 0 && low - start < 3 && (bytes[start - 1] & 0xc0) === 0x80) start--;
  if (start > 0) {
    const lead = bytes[start - 1];
    const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (length > low - (start - 1)) return start - 1;
  }
  return low;
}
