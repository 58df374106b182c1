import assert from 'node:assert/strict';
import { analyze, applyEdits, DEFAULT_SETTINGS, type Finding, type RaciSettings } from '../../server/src/engine';

export function settings(overrides: Partial<RaciSettings> = {}): RaciSettings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}

export function lint(text: string, overrides: Partial<RaciSettings> = {}) {
  return analyze(text, settings(overrides));
}

export function rules(text: string, overrides: Partial<RaciSettings> = {}): string[] {
  return lint(text, overrides).findings.map((f) => f.ruleId);
}

/** The text a finding points at. */
export function at(text: string, finding: Finding): string {
  return text.slice(finding.start, finding.end);
}

/** A matrix with the given rows under a standard header, for rule tests. */
export function matrix(rows: string[], parties = ['Client', 'Provider']): string {
  return [`| Activity | ${parties.join(' | ')} |`, `|---|${parties.map(() => '---').join('|')}|`, ...rows].join('\n') + '\n';
}

/** `text` with a `|CURSOR|`-style marker removed, and the marker's offset. */
export function cursor(marked: string, marker = '$0'): { text: string; offset: number } {
  const offset = marked.indexOf(marker);
  assert.ok(offset >= 0, 'no cursor marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + marker.length), offset };
}

/**
 * Applies one fix, lints again and checks that the finding is gone and that only
 * the targeted cell changed. Returns the fixed text.
 */
export function applyFix(text: string, finding: Finding, index = 0, overrides: Partial<RaciSettings> = {}): string {
  const fix = finding.fixes[index];
  assert.ok(fix, `no fix #${index} for ${finding.ruleId}`);
  const fixed = applyEdits(text, fix.edits);
  // Only the targeted cells change: same lines, same table structure (pipes) on each.
  const before = text.split('\n');
  const lines = fixed.split('\n');
  assert.equal(lines.length, before.length, 'a fix added or removed lines');
  const changed = lines.filter((line, i) => line !== before[i]);
  assert.ok(changed.length <= fix.edits.length, 'a fix changed more lines than it has edits');
  for (const [i, line] of lines.entries()) {
    const pipes = (s: string) => s.replace(/\\\|/g, '').split('|').length;
    if (line !== before[i] && finding.ruleId !== 'row-shape')
      assert.equal(pipes(line), pipes(before[i]), `a fix changed the cells of: ${before[i]}`);
  }
  const after = lint(fixed, overrides).findings;
  assert.ok(
    !after.some(
      (f) =>
        f.ruleId === finding.ruleId &&
        f.data.activity === finding.data.activity &&
        f.data.code === finding.data.code &&
        Math.abs(f.start - finding.start) < 3,
    ),
    `${finding.ruleId} still reported after "${fix.title}":\n${fixed}`,
  );
  return fixed;
}
