/**
 * Generated RACI documents shaped like real pages: front matter, a legend, then either
 * one heading + a 50-row table per section ("tables") or one single table of N rows
 * ("single"). Five parties; cells mix `__RA__`, `__C, I__`, `I`, empty, `R`, `A`, and
 * about one row in a hundred carries a real mistake (no A, two A, an unknown code, a
 * lower-case code, a Cyrillic look-alike, a repeated activity).
 *
 * Deterministic: the same (rows, variant, seed) gives the same text.
 * Standalone: `node bench/generate.mjs 4000 [tables|single] > doc.md`.
 */

export const PARTIES = ['Customer', 'Provider', 'Integrator', 'Security', 'Auditor'];
export const SECTION_ROWS = 50;

/** mulberry32: small, fast, seeded. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERBS = ['Operate', 'Monitor', 'Patch', 'Back up', 'Restore', 'Approve', 'Review', 'Rotate', 'Audit', 'Document', 'Renew', 'Decommission', 'Provision', 'Escalate', 'Test'];
const OBJECTS = [
  'the API gateway',
  'customer data exports',
  'the GPU capacity plan',
  'access rights of end users',
  'TLS certificates',
  'the incident runbook',
  'model deprecation notices',
  'the billing pipeline',
  'firewall rules',
  'the disaster recovery plan',
  'log retention settings',
  'the change calendar',
];
const CADENCES = ['', ' weekly', ' monthly', ' on request', ' after each release', ' for every tenant'];
const AREAS = ['Onboarding', 'Operations', 'Security', 'Continuity', 'Billing', 'Reversibility', 'Compliance', 'Support'];

/**
 * @param {number} rows data rows in all matrices together
 * @param {'tables' | 'single'} variant
 * @returns {{ text: string, rows: number, lines: number, mistakes: number, rowLines: number[] }}
 *   `rowLines`: the 0-based line of every matrix data row.
 */
export function generate(rows, variant = 'tables', seed = 5) {
  const random = rng(seed + rows * 7 + (variant === 'single' ? 1 : 0));
  const pick = (list) => list[Math.floor(random() * list.length)];
  const out = [];
  const rowLines = [];
  let mistakes = 0;
  const header = `| Activity | ${PARTIES.join(' | ')} |`;
  const separator = `| --- | ${PARTIES.map(() => '---').join(' | ')} |`;

  out.push('---', `title: Generated responsibility matrix (${rows} rows, ${variant})`, '---', '');
  out.push('# Platform responsibilities', '');
  out.push('Who does, approves, is consulted on and is told of each activity of the managed platform.', '');
  out.push('| Role | Description |', '| --- | --- |');
  out.push('| (R) Responsible | does the work |', '| (A) Accountable | approves the work and owns the outcome |');
  out.push('| (C) Consulted | gives input before or during the work |', '| (I) Informed | is told of the result |', '');

  let previousName = '';
  const row = (index) => {
    const name = `${pick(VERBS)} ${pick(OBJECTS)}${pick(CADENCES)} (${index + 1})`;
    const cells = PARTIES.map(() => pick(['I', '__I__', '', '', '__C, I__', 'C', '__C__', 'I']));
    const accountable = Math.floor(random() * PARTIES.length);
    let responsible = accountable;
    if (random() < 0.45) responsible = (accountable + 1 + Math.floor(random() * (PARTIES.length - 1))) % PARTIES.length;
    if (responsible === accountable) cells[accountable] = pick(['__RA__', '__RA__', 'RA', '__R, A__']);
    else {
      cells[accountable] = pick(['__A__', 'A']);
      cells[responsible] = pick(['__R__', 'R']);
    }
    let activity = name;
    // About one row in a hundred: a real mistake.
    if (index % 97 === 41) {
      mistakes++;
      const other = (accountable + 1) % PARTIES.length;
      switch ((index / 97) % 6 | 0) {
        case 0: // no Accountable
          cells[accountable] = responsible === accountable ? '__R__' : '__I__';
          break;
        case 1: // two Accountables
          cells[other === responsible ? (other + 1) % PARTIES.length : other] = '__A__';
          break;
        case 2: // unknown code
          cells[other === responsible ? (other + 1) % PARTIES.length : other] = '__X__';
          break;
        case 3: // lower-case code
          cells[other === responsible ? (other + 1) % PARTIES.length : other] = 'i';
          break;
        case 4: // Cyrillic look-alike С (U+0421) for C
          cells[other === responsible ? (other + 1) % PARTIES.length : other] = '__\u0421__';
          break;
        case 5: // the same activity twice in a table
          activity = previousName || name;
          break;
      }
    }
    previousName = name;
    return `| ${activity} | ${cells.join(' | ')} |`.replace(/ {2,}\|/g, ' |');
  };

  if (variant === 'single') {
    out.push('## All activities', '', 'Every activity of the platform, in one matrix.', '', header, separator);
    for (let i = 0; i < rows; i++) {
      rowLines.push(out.length);
      out.push(row(i));
    }
    out.push('');
  } else {
    for (let start = 0, section = 0; start < rows; start += SECTION_ROWS, section++) {
      out.push(`## ${AREAS[section % AREAS.length]} ${section + 1}`, '');
      out.push(`Responsibilities for ${AREAS[section % AREAS.length].toLowerCase()}, part ${section + 1}.`, '');
      out.push(header, separator);
      for (let i = start; i < Math.min(rows, start + SECTION_ROWS); i++) {
        rowLines.push(out.length);
        out.push(row(i));
      }
      out.push('');
    }
  }
  const text = out.join('\n');
  return { text, rows, lines: out.length, mistakes, rowLines };
}

/**
 * The cells of a table row line: 0-based UTF-16 [start, end) of each cell's content
 * (trimmed; an empty cell gives its middle), activity cell first. Generated rows have
 * no escaped pipes.
 */
export function cellsOf(line) {
  const bars = [];
  for (let i = 0; i < line.length; i++) if (line[i] === '|') bars.push(i);
  const cells = [];
  for (let k = 0; k + 1 < bars.length; k++) {
    let start = bars[k] + 1;
    let end = bars[k + 1];
    while (start < end && line[start] === ' ') start++;
    while (end > start && line[end - 1] === ' ') end--;
    if (start === end) start = end = Math.floor((bars[k] + 1 + bars[k + 1]) / 2);
    cells.push({ start, end, text: line.slice(start, end) });
  }
  return cells;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv[2] ?? 1000);
  const variant = process.argv[3] === 'single' ? 'single' : 'tables';
  process.stdout.write(generate(rows, variant).text);
}
