/**
 * The benchmark's documents: generated RACI documents shaped like real pages. Each starts
 * with front matter and a legend, then one of five shapes:
 *   tables    a heading, a line of prose and a 50-row matrix of 5 parties per section;
 *   single    one matrix of 5 parties;
 *   sections  a runbook or contract of many small matrices: `## Area i`, a paragraph of two
 *             lines with a link and inline code, a 4-row matrix of 3 parties;
 *   prose     mostly prose (headings, long paragraphs, lists, code blocks holding pipes, a
 *             couple of ordinary tables that are not matrices) with a few 30-row matrices;
 *   wide      one matrix of 30 parties, most cells empty.
 * `tables` and `single` are sized in data rows, the others in bytes (the text is about that
 * long): a matrix's row count says little about a document of prose or of 4-row tables.
 * Cells mix `__RA__`, `__C, I__`, `I`, empty, `R`, `A`, and about one row in a hundred carries
 * a real mistake (no A, two A, an unknown code, a lower-case code, a Cyrillic look-alike, a
 * repeated activity).
 *
 * Deterministic: the same (size, shape, seed) gives the same text.
 * Standalone: `node bench/generate.mjs 4000 [tables|single] > doc.md`,
 *             `node bench/generate.mjs 300k sections|prose|wide > doc.md` (see parseSize).
 */

export const PARTIES = ['Customer', 'Provider', 'Integrator', 'Security', 'Auditor'];
export const SECTION_ROWS = 50;

/** Parties of the `wide` shape: as many as a large organisation's matrix has columns. */
export const WIDE_PARTIES = [
  ...PARTIES,
  'Legal',
  'Finance',
  'Procurement',
  'Support',
  'Operations',
  'Network',
  'Database',
  'Identity',
  'Compliance',
  'Privacy',
  'Architecture',
  'Quality',
  'Release',
  'Facilities',
  'People',
  'Sales',
  'Marketing',
  'Product',
  'Data',
  'Platform',
  'Mobile',
  'Web',
  'Billing',
  'Vendor',
  'Board',
];

/** How each shape is sized, and the sizes `npm run bench` measures by default. */
export const SHAPES = {
  tables: { unit: 'rows', sizes: [1000, 4000, 11000] },
  single: { unit: 'rows', sizes: [1000, 4000, 11000] },
  sections: { unit: 'bytes', sizes: [100_000, 300_000, 1_000_000] },
  prose: { unit: 'bytes', sizes: [100_000, 300_000, 1_000_000] },
  wide: { unit: 'bytes', sizes: [100_000, 300_000, 1_000_000] },
};

/**
 * A size as written on the command line: a bare number counts data rows (`4000`); a number
 * with a unit counts bytes, decimal as disks count them (`100k` = `100kb` = 100,000 bytes,
 * `0.3m` = `0.3mb` = 300,000, `1m` = 1,000,000). Returns undefined if it is neither.
 * @returns {{ unit: 'rows' | 'bytes', value: number } | undefined}
 */
export function parseSize(written) {
  const match = /^(\d+(?:\.\d+)?)(k|kb|m|mb)?$/i.exec(written.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  if (!match[2]) return Number.isInteger(number) && number > 0 ? { unit: 'rows', value: number } : undefined;
  const value = Math.round(number * (match[2].toLowerCase().startsWith('k') ? 1e3 : 1e6));
  return value > 0 ? { unit: 'bytes', value } : undefined;
}

/** A size as the report names it: `1k`, `11k` (rows); `0.1 MB`, `1 MB` (bytes). */
export function sizeLabel(size, unit) {
  if (unit === 'rows') return size >= 1000 ? `${size / 1000}k` : String(size);
  return size >= 1e6 ? `${+(size / 1e6).toFixed(2)} MB` : `${+(size / 1e6).toFixed(3)} MB`;
}

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

const VERBS = [
  'Operate',
  'Monitor',
  'Patch',
  'Back up',
  'Restore',
  'Approve',
  'Review',
  'Rotate',
  'Audit',
  'Document',
  'Renew',
  'Decommission',
  'Provision',
  'Escalate',
  'Test',
];
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
/** Cells other than R and A; a wide matrix is mostly empty, as real ones are. */
const OTHER_CELLS = ['I', '__I__', '', '', '__C, I__', 'C', '__C__', 'I'];
const WIDE_OTHER_CELLS = ['', '', '', '', '', '', 'I', '__I__', '', 'C', '__C, I__', ''];
const SHAPE_SEEDS = { tables: 0, single: 1, sections: 2, prose: 3, wide: 4 };

/**
 * @param {number} size data rows (`tables`, `single`) or bytes (the other shapes), see SHAPES
 * @param {'tables' | 'single' | 'sections' | 'prose' | 'wide'} variant
 * @returns {{ text: string, rows: number, lines: number, mistakes: number, rowLines: number[] }}
 *   `rows`: data rows of all matrices; `rowLines`: the 0-based line of every matrix data row
 *   (never a row of a table that is not a matrix).
 */
export function generate(size, variant = 'tables', seed = 5) {
  if (!(variant in SHAPES)) throw new Error(`unknown shape ${variant}: one of ${Object.keys(SHAPES).join(', ')}`);
  const random = rng(seed + size * 7 + SHAPE_SEEDS[variant]);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const out = [];
  const rowLines = [];
  let mistakes = 0;
  let index = 0;
  let previousName = '';
  // The running length of `out` joined, so that byte-sized shapes know when to stop.
  let bytes = 0;
  const push = (...lines) => {
    for (const line of lines) {
      out.push(line);
      bytes += Buffer.byteLength(line) + 1;
    }
  };
  const headerOf = (parties) => [`| Activity | ${parties.join(' | ')} |`, `| --- | ${parties.map(() => '---').join(' | ')} |`];

  /** One data row of a matrix of `parties`; the index runs over the whole document. */
  const row = (parties, others = OTHER_CELLS) => {
    const n = parties.length;
    const name = `${pick(VERBS)} ${pick(OBJECTS)}${pick(CADENCES)} (${index + 1})`;
    const cells = parties.map(() => pick(others));
    const accountable = Math.floor(random() * n);
    let responsible = accountable;
    if (random() < 0.45) responsible = (accountable + 1 + Math.floor(random() * (n - 1))) % n;
    if (responsible === accountable) cells[accountable] = pick(['__RA__', '__RA__', 'RA', '__R, A__']);
    else {
      cells[accountable] = pick(['__A__', 'A']);
      cells[responsible] = pick(['__R__', 'R']);
    }
    let activity = name;
    // About one row in a hundred: a real mistake.
    if (index % 97 === 41) {
      mistakes++;
      const other = (accountable + 1) % n;
      const elsewhere = other === responsible ? (other + 1) % n : other;
      switch (((index / 97) % 6) | 0) {
        case 0: // no Accountable
          cells[accountable] = responsible === accountable ? '__R__' : '__I__';
          break;
        case 1: // two Accountables
          cells[elsewhere] = '__A__';
          break;
        case 2: // unknown code
          cells[elsewhere] = '__X__';
          break;
        case 3: // lower-case code
          cells[elsewhere] = 'i';
          break;
        case 4: // Cyrillic look-alike С (U+0421) for C
          cells[elsewhere] = '__\u0421__';
          break;
        case 5: // the same activity twice
          activity = previousName || name;
          break;
      }
    }
    previousName = name;
    index++;
    rowLines.push(out.length);
    push(`| ${activity} | ${cells.join(' | ')} |`.replace(/ {2,}\|/g, ' |'));
  };

  const title = SHAPES[variant].unit === 'rows' ? `${size} rows` : sizeLabel(size, 'bytes');
  push('---', `title: Generated responsibility matrix (${title}, ${variant})`, '---', '');
  push('# Platform responsibilities', '');
  push('Who does, approves, is consulted on and is told of each activity of the managed platform.', '');
  push('| Role | Description |', '| --- | --- |');
  push('| (R) Responsible | does the work |', '| (A) Accountable | approves the work and owns the outcome |');
  push('| (C) Consulted | gives input before or during the work |', '| (I) Informed | is told of the result |', '');

  if (variant === 'single') {
    push('## All activities', '', 'Every activity of the platform, in one matrix.', '', ...headerOf(PARTIES));
    while (index < size) row(PARTIES);
    push('');
  } else if (variant === 'tables') {
    for (let section = 0; index < size; section++) {
      push(`## ${AREAS[section % AREAS.length]} ${section + 1}`, '');
      push(`Responsibilities for ${AREAS[section % AREAS.length].toLowerCase()}, part ${section + 1}.`, '');
      push(...headerOf(PARTIES));
      for (let end = Math.min(size, index + SECTION_ROWS); index < end;) row(PARTIES);
      push('');
    }
  } else if (variant === 'sections') {
    for (let area = 1; bytes < size; area++) {
      // Three of the five parties, not always the same three, as clauses of a contract differ.
      const parties = PARTIES.slice(area % 3, (area % 3) + 3);
      const topic = AREAS[area % AREAS.length].toLowerCase();
      push(`## Area ${area}`, '');
      push(
        `Area ${area} follows [the ${topic} runbook](https://example.com/${topic}#area-${area}),`,
        `reviewed each quarter; escalate with \`raci escalate ${area}\`.`,
        '',
      );
      push(...headerOf(parties));
      for (let r = 0; r < 4; r++) row(parties);
      push('');
    }
  } else if (variant === 'wide') {
    push('## All activities, every party', '', 'Every activity of the programme against every team that takes part in it.', '');
    push(...headerOf(WIDE_PARTIES));
    while (bytes < size) row(WIDE_PARTIES, WIDE_OTHER_CELLS);
    push('');
  } else {
    prose(size, { push, row, pick, random, bytes: () => bytes });
  }
  const text = out.join('\n');
  return { text, rows: index, lines: out.length, mistakes, rowLines };
}

const WORDS = (
  'the service provider customer platform tenant data backup restore request change incident ' +
  'review approval window notice period contract clause schedule annex obligation support level ' +
  'availability capacity plan report audit evidence access right account credential rotation key ' +
  'certificate network region zone replica archive retention deletion export import migration ' +
  'release version upgrade maintenance outage escalation contact team owner quarter month week ' +
  'within after before during unless where each every any all no written agreed reasonable ' +
  'promptly securely separately jointly'
).split(' ');

/**
 * The `prose` shape: chapters of prose until `size` bytes, with a few matrices spread through
 * them and a couple of ordinary tables (a change log, a settings list) that are not matrices.
 */
function prose(size, { push, row, pick, random, bytes }) {
  const matrices = Math.max(3, Math.round(size / 60_000));
  const others = Math.max(2, Math.round(size / 150_000));
  let matricesDone = 0;
  let othersDone = 0;
  const sentence = () => {
    const words = [];
    const n = 8 + Math.floor(random() * 14);
    for (let w = 0; w < n; w++) {
      const word = pick(WORDS);
      const roll = random();
      if (roll < 0.03) words.push(`\`${word}_${pick(WORDS)}\``);
      else if (roll < 0.05) words.push(`[${word} ${pick(WORDS)}](https://example.com/${word})`);
      else if (roll < 0.07) words.push(`*${word}*`);
      else words.push(word);
    }
    const text = words.join(' ');
    return `${text[0].toUpperCase()}${text.slice(1)}${random() < 0.2 ? ';' : '.'}`;
  };
  // A paragraph wrapped near 100 columns, as editors that hard-wrap leave it.
  const paragraph = (sentences) => {
    const words = Array.from({ length: sentences }, sentence).join(' ').split(' ');
    let line = '';
    for (const word of words) {
      if (line && line.length + word.length > 100) {
        push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    push(line, '');
  };
  const list = (ordered) => {
    const n = 3 + Math.floor(random() * 4);
    for (let i = 0; i < n; i++) {
      push(`${ordered ? `${i + 1}.` : '-'} ${sentence()}`);
      if (!ordered && random() < 0.3) push(`  - ${sentence()}`);
    }
    push('');
  };
  const code = () => {
    if (random() < 0.5) {
      push('```sh', 'journalctl -u raci-agent --since today | grep -E "ERROR|WARN" | sort | uniq -c | sort -rn | head -20');
      push(`kubectl get pods -n tenant-${Math.floor(random() * 90)} -o wide | awk '{print $1 "|" $7}'`, '```', '');
    } else {
      // Looks like a table, is not one: a fence's content is never read as Markdown.
      push(
        '```text',
        '| field | type | note |',
        '| --- | --- | --- |',
        '| owner | string | the A of the row |',
        '| due | date | ISO 8601 |',
        '```',
        '',
      );
    }
  };
  const ordinaryTable = () => {
    if (othersDone % 2 === 0) {
      push('| Version | Date | Author | Change |', '| --- | --- | --- | --- |');
      for (let i = 0; i < 6; i++) push(`| 1.${i} | 2026-0${1 + i}-1${i} | ${pick(PARTIES)} | ${sentence()} |`);
    } else {
      push('| Setting | Default | Meaning |', '| --- | --- | --- |');
      for (let i = 0; i < 6; i++) push(`| \`${pick(WORDS)}.${pick(WORDS)}\` | ${Math.floor(random() * 100)} | ${sentence()} |`);
    }
    push('');
    othersDone++;
  };
  const matrix = () => {
    push(`### Responsibilities, part ${matricesDone + 1}`, '', `${sentence()} ${sentence()}`, '');
    push(`| Activity | ${PARTIES.join(' | ')} |`, `| --- | ${PARTIES.map(() => '---').join(' | ')} |`);
    for (let r = 0; r < 30; r++) row(PARTIES);
    push('');
    matricesDone++;
  };
  push('## Introduction', '');
  paragraph(5);
  for (let chapter = 1; bytes() < size || matricesDone < matrices || othersDone < others; chapter++) {
    push(`## Chapter ${chapter}: ${pick(WORDS)} and ${pick(WORDS)}`, '');
    paragraph(4 + Math.floor(random() * 4));
    for (let part = 1; part <= 3; part++) {
      push(`### ${chapter}.${part} ${pick(WORDS)} ${pick(WORDS)}`, '');
      paragraph(3 + Math.floor(random() * 6));
      const roll = random();
      if (roll < 0.35) list(false);
      else if (roll < 0.5) list(true);
      else if (roll < 0.7) code();
      else if (roll < 0.8) push(`> ${sentence()}`, '');
      paragraph(2 + Math.floor(random() * 5));
      // Matrices and ordinary tables at evenly spaced points of the text.
      if (matricesDone < matrices && bytes() >= ((matricesDone + 0.5) / matrices) * size) matrix();
      if (othersDone < others && bytes() >= ((othersDone + 0.3) / others) * size) ordinaryTable();
    }
  }
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
  const size = parseSize(process.argv[2] ?? '1000');
  const variant = process.argv[3] ?? (size?.unit === 'bytes' ? 'sections' : 'tables');
  if (!size || !(variant in SHAPES) || SHAPES[variant].unit !== size.unit) {
    console.error(
      'usage: node bench/generate.mjs ROWS [tables|single] | node bench/generate.mjs BYTES(e.g. 300k, 1m) [sections|prose|wide]',
    );
    process.exit(2);
  }
  process.stdout.write(generate(size.value, variant).text);
}
