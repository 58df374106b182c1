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

const COMMENT = /<!--\s*raci-(disable-next-line|disable-line|disable|enable)\b([^]*?)-->/g;

export function readControls(comments: RawComment[], lines: LineIndex): Controls {
  const events: RangeEvent[] = [];
  const lineRules = new Map<number, Set<string> | 'all'>();
  for (const comment of comments) {
    for (const match of comment.value.matchAll(COMMENT)) {
      const names = match[2].trim().split(/[\s,]+/).filter(Boolean);
      const rules: string[] | 'all' = names.length > 0 ? names : 'all';
      const offset = comment.start + (match.index ?? 0);
      const kind = match[1];
      if (kind === 'disable' || kind === 'enable') {
        events.push({ offset, enable: kind === 'enable', rules });
        continue;
      }
      const line = kind === 'disable-line' ? lines.lineOf(offset) : lines.lineOf(offset + match[0].length) + 1;
      const existing = lineRules.get(line);
      if (existing === 'all' || rules === 'all') lineRules.set(line, 'all');
      else lineRules.set(line, new Set([...(existing ?? []), ...rules]));
    }
  }
  events.sort((a, b) => a.offset - b.offset);
  return {
    isDisabled(rule, offset) {
      const forLine = lineRules.get(lines.lineOf(offset));
      if (forLine === 'all' || forLine?.has(rule)) return true;
      let disabled = false;
      for (const event of events) {
        if (event.offset > offset) break;
        if (event.rules === 'all' || event.rules.includes(rule)) disabled = !event.enable;
      }
      return disabled;
    },
  };
}
