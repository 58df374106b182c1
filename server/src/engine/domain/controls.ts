import type { RawComment } from '../parse/markdown';
import type { LineIndex } from '../text/positions';
import type { RuleId } from '../model';

/**
 * Inline control comments, as markdownlint users write them:
 * `<!-- raci-disable [rule…] -->`, `<!-- raci-enable [rule…] -->`,
 * `<!-- raci-disable-line [rule…] -->` (also inside a table cell, where a comment
 * on a line of its own would end the table) and `<!-- raci-disable-next-line [rule…] -->`.
 */
export interface Controls {
  isDisabled(rule: RuleId, offset: number): boolean;
}

interface RangeEvent {
  offset: number;
  enable: boolean;
  rules: string[] | 'all';
}

interface Control {
  kind: 'disable-next-line' | 'disable-line' | 'disable' | 'enable';
  /** Offset of the match in the comment's value, and its length. */
  index: number;
  length: number;
  /** What follows the directive, up to `-->`. */
  rest: string;
}

const KINDS = ['disable-next-line', 'disable-line', 'disable', 'enable'] as const;

/**
 * The control directives in a comment's text, as the pattern
 * `<!--\s*raci-(disable-next-line|disable-line|disable|enable)\b([^]*?)-->` finds them
 * one after the other, but read forward once: that pattern, on a run of unclosed
 * `<!-- raci-disable`, looked for `-->` to the end from each of them.
 */
export function findControls(value: string): Control[] {
  const found: Control[] = [];
  let from = 0;
  let close = -1;
  for (;;) {
    const open = value.indexOf('<!--', from);
    if (open < 0) return found;
    let i = open + 4;
    while (i < value.length && /\s/.test(value[i])) i++;
    const kind = value.startsWith('raci-', i)
      ? KINDS.find((k) => value.startsWith(k, i + 5) && !isWordChar(value.charCodeAt(i + 5 + k.length)))
      : undefined;
    if (!kind) {
      from = open + 1;
      continue;
    }
    const restStart = i + 5 + kind.length;
    if (close < restStart) close = value.indexOf('-->', restStart);
    // No `-->` after this directive: none after any later one either.
    if (close < 0) return found;
    found.push({ kind, index: open, length: close + 3 - open, rest: value.slice(restStart, close) });
    from = close + 3;
  }
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

export function readControls(comments: RawComment[], lines: LineIndex): Controls {
  const events: RangeEvent[] = [];
  const lineRules = new Map<number, Set<string> | 'all'>();
  for (const comment of comments) {
    for (const match of findControls(comment.value)) {
      const names = match.rest
        .trim()
        .split(/[\s,]+/)
        .filter(Boolean);
      const rules: string[] | 'all' = names.length > 0 ? names : 'all';
      const offset = comment.start + match.index;
      const kind = match.kind;
      if (kind === 'disable' || kind === 'enable') {
        events.push({ offset, enable: kind === 'enable', rules });
        continue;
      }
      const line = kind === 'disable-line' ? lines.lineOf(offset) : lines.lineOf(offset + match.length) + 1;
      const existing = lineRules.get(line);
      if (existing === 'all') continue;
      if (rules === 'all') lineRules.set(line, 'all');
      else if (existing) for (const rule of rules) existing.add(rule);
      else lineRules.set(line, new Set(rules));
    }
  }
  events.sort((a, b) => a.offset - b.offset);
  // Per rule, the offsets of the events that concern it and whether each disables: a
  // lookup is a binary search, not a pass over every event for every finding.
  const byRule = new Map<string, { offsets: number[]; disabled: boolean[] }>();
  const eventsOf = (rule: string) => {
    let list = byRule.get(rule);
    if (!list) {
      list = { offsets: [], disabled: [] };
      for (const event of events) {
        if (event.rules !== 'all' && !event.rules.includes(rule)) continue;
        list.offsets.push(event.offset);
        list.disabled.push(!event.enable);
      }
      byRule.set(rule, list);
    }
    return list;
  };
  return {
    isDisabled(rule, offset) {
      const forLine = lineRules.get(lines.lineOf(offset));
      if (forLine === 'all' || forLine?.has(rule)) return true;
      const { offsets, disabled } = eventsOf(rule);
      let low = 0;
      let high = offsets.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (offsets[middle] <= offset) low = middle + 1;
        else high = middle;
      }
      return low > 0 && disabled[low - 1];
    },
  };
}
