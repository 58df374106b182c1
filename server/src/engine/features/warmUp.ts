import { createRaciService } from '../service';
import { DEFAULT_SETTINGS } from '../domain/settings';

/**
 * Runs the analysis once on a small made-up document, then through a few edits, with a
 * service of its own that is then dropped. V8 optimises a function after it has run
 * for a while: without this, the first keystrokes in a large document ran the edit
 * path (cached pieces, summaries added up, duplicates looked up) unoptimised, three to
 * five times slower than the later ones. The server runs it in slices when it starts.
 */
export function* warmUpSteps(): Generator<void, void> {
  const service = createRaciService();
  const uri = 'raci-warm-up:///matrix.md';
  const cells = ['__RA__', 'C', '__C, I__', '', 'I', 'R', 'A', '**I**'];
  const lines = ['# Warm-up', '', '| Activity | Customer | Provider | Integrator | Auditor |', '| --- | --- | --- | --- | --- |'];
  for (let row = 0; row < 300; row++) {
    lines.push(`| Activity ${row} | ${[0, 1, 2, 3].map((party) => cells[(row * 3 + party * 5) % cells.length]).join(' | ')} |`);
  }
  for (let version = 1; version <= 12; version++) {
    if (version > 1) {
      // One cell changes, in a different piece each time; every fourth edit changes the length.
      const line = 4 + ((version * 97) % 300);
      lines[line] = lines[line].replace(/\| (\S*) \|$/, (_, last: string) => `| ${version % 4 === 0 ? last + 'I' : last === 'C' ? 'I' : 'C'} |`);
    }
    const text = lines.join('\n');
    const document = { uri, version, getText: () => text };
    yield* service.modelSteps(document, DEFAULT_SETTINGS);
    service.getDiagnostics(document, DEFAULT_SETTINGS);
    yield;
  }
  service.forget(uri);
}
