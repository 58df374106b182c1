import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Nodes, Root, Table } from 'mdast';
import { moveRow, readCell, Row } from './tableRows';
import { detach } from '../text/strings';
import type { ParsedBlocks, RawComment, RawHeading, RawRow, RawTable } from '../model';

export type { ParsedBlocks, RawCell, RawComment, RawHeading, RawRow, RawTable } from '../model';

const withFrontMatter = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
const plain = unified().use(remarkParse).use(remarkGfm);

/** Parses one chunk; offsets in the result are relative to the chunk's start (after a leading BOM). */
export function parseChunk(source: string, first: boolean): ParsedBlocks {
  const tree = (first ? withFrontMatter : plain).parse(source) as Root;
  // micromark drops one leading BOM (only one) and counts offsets from after it.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const blocks: ParsedBlocks = { tables: [], headings: [], comments: [] };
  visit(tree, text, blocks);
  return blocks;
}

/**
 * The tables, headings, control comments and front matter of a tree, in document order.
 * An explicit stack, not recursion: a line of a thousand nested list markers or quote marks
 * is a tree as deep, and recursion overflowed the call stack on it.
 */
function visit(root: Nodes, text: string, blocks: ParsedBlocks): void {
  const stack: Nodes[] = [root];
  const pushChildren = (children: readonly Nodes[]) => {
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.type) {
      case 'table': {
        blocks.tables.push(readTable(node, text));
        const inner: Nodes[] = [];
        for (const row of node.children) for (const cell of row.children) for (const child of cell.children) inner.push(child);
        pushChildren(inner);
        continue;
      }
      case 'heading': {
        const { start, end } = offsets(node);
        blocks.headings.push({ start, end, depth: node.depth, text: detach(headingText(text.slice(start, end))) });
        break;
      }
      case 'html': {
        const { start, end } = offsets(node);
        if (node.value.includes('raci-')) blocks.comments.push({ start, end, value: detach(node.value) });
        continue;
      }
      case 'yaml': {
        const { start, end } = offsets(node);
        blocks.frontMatter = { start, end, value: detach(node.value) };
        continue;
      }
      case 'code':
      case 'inlineCode':
      case 'text':
        continue;
    }
    if ('children' in node) pushChildren(node.children as Nodes[]);
  }
}

function readTable(node: Table, text: string): RawTable {
  const rows: RawRow[] = node.children.map((row) => {
    const { start, end } = offsets(row);
    const cells = row.children.map((cell) => {
      const { start, end } = offsets(cell);
      return readCell(text, start, end);
    });
    return new Row(start, end, cells);
  });
  const headerEnd = rows[0].end;
  const afterHeader = text.indexOf('\n', headerEnd);
  const { start, end } = offsets(node);
  return {
    start,
    end,
    align: node.align ?? [],
    rows,
    pieces: [rows.slice(1)],
    delimiterStart: afterHeader < 0 ? headerEnd : afterHeader + 1,
  };
}

function offsets(node: Nodes): { start: number; end: number } {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

export function headingText(source: string): string {
  const firstLine = source.split(/\r?\n|\r/)[0];
  return withoutClosingHashes(firstLine.replace(/^\s{0,3}#{1,6}\s*/, ''))
    .replace(/[*_`]/g, '')
    .trim();
}

/**
 * Without a closing sequence (` ##` and the blanks around it), read from the end: the
 * pattern `\s+#+\s*$` tried every run of blanks in the line, each to its end.
 */
function withoutClosingHashes(text: string): string {
  const blank = (i: number) => /\s/.test(text[i]);
  let end = text.length;
  while (end > 0 && blank(end - 1)) end--;
  let hashes = end;
  while (hashes > 0 && text[hashes - 1] === '#') hashes--;
  if (hashes === end || hashes === 0 || !blank(hashes - 1)) return text;
  let start = hashes;
  while (start > 0 && blank(start - 1)) start--;
  return text.slice(0, start);
}

/** Moves a chunk's blocks to absolute offsets. */
export function shiftBlocks(blocks: ParsedBlocks, delta: number): ParsedBlocks {
  if (delta === 0) return blocks;
  return moveBlocks(blocks, delta, false);
}

/**
 * The blocks of a chunk that an edit moved without changing it: its tables' rows are moved
 * when something reads them (see MovedTable). Most never are: an unchanged table's results
 * move with it (moveTableResult), and an edit near the top of a large document moves every
 * table after it, at every keystroke.
 */
export function shiftBlocksLazily(blocks: ParsedBlocks, delta: number): ParsedBlocks {
  // Blocks with nothing in them (prose left unread) have nothing to move: shared, as nothing
  // changes a version's blocks, and many chunks a typed character moves are such.
  if (delta === 0 || isEmpty(blocks)) return blocks;
  return moveBlocks(blocks, delta, true);
}

function isEmpty(blocks: ParsedBlocks): boolean {
  return (
    blocks.tables.length === 0 &&
    blocks.headings.length === 0 &&
    blocks.comments.length === 0 &&
    blocks.frontMatter === undefined &&
    blocks.skipped === undefined
  );
}

/**
 * Literals of the parser's shapes, not spreads (see moveRows); most chunks have no heading
 * or no table, and their empty lists are shared, as nothing adds to a version's lists.
 */
function moveBlocks(blocks: ParsedBlocks, delta: number, lazily: boolean): ParsedBlocks {
  const front = blocks.frontMatter;
  return {
    tables: blocks.tables.length === 0 ? blocks.tables : moveTables(blocks.tables, delta, lazily),
    headings: blocks.headings.length === 0 ? blocks.headings : moveHeadings(blocks.headings, delta),
    comments: blocks.comments.length === 0 ? blocks.comments : moveComments(blocks.comments, delta),
    frontMatter: front && { ...front, start: front.start + delta, end: front.end + delta },
    skipped: blocks.skipped?.map((span) => ({ ...span, start: span.start + delta, end: span.end + delta })),
  };
}

// A list of one (most chunks' tables and headings) is written as a literal: an array of
// its exact length, as map() makes, where push() leaves room for seventeen.
function moveTables(tables: RawTable[], delta: number, lazily: boolean): RawTable[] {
  if (tables.length === 1) return [movedTable(tables[0], delta, lazily)];
  return tables.map((table) => movedTable(table, delta, lazily));
}

function movedTable(table: RawTable, delta: number, lazily: boolean): RawTable {
  if (lazily) return new MovedTable(table, delta);
  const { rows, pieces } = moveRows(table, delta);
  return {
    start: table.start + delta,
    end: table.end + delta,
    align: table.align,
    rows,
    pieces,
    delimiterStart: table.delimiterStart + delta,
  };
}

function moveHeadings(headings: RawHeading[], delta: number): RawHeading[] {
  if (headings.length === 1) return [movedHeading(headings[0], delta)];
  return headings.map((heading) => movedHeading(heading, delta));
}

function movedHeading(h: RawHeading, delta: number): RawHeading {
  return { start: h.start + delta, end: h.end + delta, depth: h.depth, text: h.text };
}

function moveComments(comments: RawComment[], delta: number): RawComment[] {
  return comments.map((c) => ({ start: c.start + delta, end: c.end + delta, value: c.value }));
}

/** The rows of `table`, `delta` characters further: each moves its cells when they are read (see Row). */
function moveRows(table: RawTable, delta: number): { rows: RawRow[]; pieces: RawRow[][] } {
  const row = (r: RawRow) => moveRow(r, delta);
  const pieces = table.pieces.map((piece) => piece.map(row));
  const rows = [row(table.rows[0])];
  for (const piece of pieces) for (const moved of piece) rows.push(moved);
  return { rows, pieces };
}

/**
 * What stays the same when a table moves: the table as it was parsed. What is concluded
 * about a table's text (whether it is a legend, its reading, its findings) is kept by it,
 * so a move adds no entry to the caches (see ofTable), and finds what they hold.
 */
export function tableIdentity(table: RawTable): RawTable {
  return table instanceof MovedTable ? table.origin : table;
}

/**
 * A table `delta` characters further than `from`, whose rows are moved when first read.
 * Moving a table again before its rows were read moves the first one by the sum, so that
 * no chain of versions is kept.
 */
class MovedTable implements RawTable {
  readonly start: number;
  readonly end: number;
  readonly delimiterStart: number;
  readonly align: RawTable['align'];
  /** The table as it was parsed, before any move (see tableIdentity). */
  readonly origin: RawTable;
  private from: RawTable;
  private delta: number;
  private moved: { rows: RawRow[]; pieces: RawRow[][] } | undefined;

  constructor(from: RawTable, delta: number) {
    this.start = from.start + delta;
    this.end = from.end + delta;
    this.delimiterStart = from.delimiterStart + delta;
    this.align = from.align;
    this.origin = tableIdentity(from);
    if (from instanceof MovedTable && from.moved === undefined) {
      delta += from.delta;
      from = from.from;
    }
    this.from = from;
    this.delta = delta;
  }

  get rows(): RawRow[] {
    return this.read().rows;
  }

  get pieces(): RawRow[][] {
    return this.read().pieces;
  }

  private read(): { rows: RawRow[]; pieces: RawRow[][] } {
    if (this.moved === undefined) {
      this.moved = moveRows(this.from, this.delta);
      // The table it was is needed no more; its identity is kept in `origin`.
      this.from = this.origin;
      this.delta = 0;
    }
    return this.moved;
  }
}
