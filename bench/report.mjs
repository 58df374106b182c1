/**
 * Reporting: statistics over the samples bench/drive.mjs took, the machine they were taken
 * on, the Markdown report with every target judged PASS or FAIL for each shape of document,
 * and, with --write, the `## Results` section of docs/performance.md replaced by it.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The targets, each judged on every shape of document (the report and docs/performance.md state them). */
export const TARGETS = {
  editP95: 20,
  flat: 2,
  coldOverRemark: 0.25,
  coldOverRemarkAim: 0.1,
  requestP95: 5,
  rssMB: 150,
  hoverDuringCold: 20,
};

// ---------------------------------------------------------------- statistics, formatting

/** The hovers sent during a cold analysis: those sent with the didOpen, measured over the floor server's, and the rest. */
function coldHovers(server) {
  const atOpen = server.duringCold.filter((h) => h.atOpen).map((h) => h.latency);
  const floor = p50(server.hoverFloor ?? []);
  return { atOpen, floor, over: p50(atOpen) - floor, halfWay: server.duringCold.filter((h) => !h.atOpen) };
}

export function quantile(values, q) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
export const p50 = (v) => quantile(v, 0.5);
export const p95 = (v) => quantile(v, 0.95);
export function ms(value) {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
/** A ratio with two significant digits below 1 (0.24×), where the cold-open target lies. */
const ratio = (value) => {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 10) return `${Math.round(value)}×`;
  return `${value >= 1 ? value.toFixed(1) : value.toFixed(2)}×`;
};
const mark = (ok) => (ok ? 'PASS' : 'FAIL');
const mb = (bytes) => Math.round(bytes / 2 ** 20);
const count = (n) => n.toLocaleString('en-US');

// ---------------------------------------------------------------- machine

/**
 * The machine, the commit and the load at the start of a run: figures from another machine
 * or a busy one are not comparable, and the report must say so.
 */
export function machine(root) {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const mhz = /^cpu MHz\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim();
  let nproc = String(os.availableParallelism());
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // no nproc command: Node's count stands
  }
  let commit = 'unknown';
  let dirty = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['status', '--porcelain', '--', 'server', 'esbuild.mjs'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3).split('/').slice(0, 3).join('/'));
    if (changed.length) dirty = ` + uncommitted changes in ${[...new Set(changed)].join(', ')}`;
  } catch {
    // not a git checkout: the report says 'unknown'
  }
  // The validation debounce, if the server configures one (`createValidator({ … delay: N … })`).
  let debounce;
  let debounceFile;
  for (const file of ['server/src/lsp/startServer.ts', 'server/src/node/server.ts', 'server/src/server.ts']) {
    const found = fs.existsSync(path.join(root, file))
      ? /createValidator\(\{[\s\S]{0,800}?\bdelay:\s*(\d+)\b/.exec(fs.readFileSync(path.join(root, file), 'utf8'))
      : null;
    if (found) {
      debounce = Number(found[1]);
      debounceFile = file;
      break;
    }
  }
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    nproc,
    cpu: mhz ? `${model} (${Math.round(Number(mhz))} MHz)` : model,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    commit: commit + dirty,
    load: os.loadavg(),
    debounce: Number.isFinite(debounce) ? debounce : undefined,
    debounceFile,
    cpuStart: cpuBusySeconds(),
  };
}

/** Busy CPU seconds of the whole machine since boot (all cores), from /proc/stat. */
export function cpuBusySeconds() {
  try {
    const [user, nice, system, , , irq, softirq, steal] = fs
      .readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (user + nice + system + irq + softirq + (steal ?? 0)) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN; // not Linux: the share of other load is n/a
  }
}

// ---------------------------------------------------------------- the report

/**
 * The Markdown report. `results`: one per document, in the order run, each
 * `{ variant, size, unit, label, rows, lines, bytes, server, engine, remark, markdownlint, split }`;
 * `plan`: what was done to each document (bench/drive.mjs PLAN).
 */
export function report(info, results, comparators, plan) {
  const out = [];
  const T = TARGETS;
  const variants = [...new Set(results.map((r) => r.variant))];
  const ofShape = (variant) => results.filter((r) => r.variant === variant).sort((a, b) => a.size - b.size);
  const smallestOf = (variant) => ofShape(variant)[0];
  const largestOf = (variant) => ofShape(variant).at(-1);
  const otherShare = info.otherCpu / (info.elapsed * Number(info.nproc));

  out.push(
    `Machine: ${info.nproc} cores, ${info.cpu}, ${info.memory}; Node ${info.node}; ${info.os}. ` +
      `Run ${info.date} on ${info.commit}; load average at start ${info.load.map((l) => l.toFixed(2)).join(' / ')} ` +
      `(1/5/15 min), at end ${info.loadEnd.map((l) => l.toFixed(2)).join(' / ')}. Comparators: remark-parse + remark-gfm ` +
      `(unified ${comparators.unified}, remark-gfm ${comparators.remarkGfm}), markdownlint ${comparators.markdownlint} (default config). ` +
      `Whole bench: ${Math.round(info.elapsed)} s. Other processes on the machine used ${Number.isFinite(otherShare) ? `${Math.max(0, 100 * otherShare).toFixed(0)}%` : 'n/a'} ` +
      `of its ${info.nproc} cores meanwhile (busy CPU time from /proc/stat minus the bench's and its servers').`,
    '',
  );
  if (otherShare > 0.15) {
    out.push(
      "**This run shared the machine with other work** (see the share above): every figure, the comparators' included, " +
        'is slower and noisier than on a quiet machine. Ratios taken within the run (cold ÷ remark) suffer less than absolute times.',
      '',
    );
  }

  out.push(
    "| document | size | rows | lines | KiB | cold open ms p50 / p95 | edit→diag ms p50 / p95 | burst last→diag ms p50 / p95 / max | hover / completion / action p95 ms | peak RSS MB | remark-gfm parse ms p50 / p95 | markdownlint ms p50 / p95 | cold ÷ remark | edit p95 ÷ smallest's |",
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  );
  for (const r of results) {
    const base = smallestOf(r.variant);
    const flat = r !== base ? p95(r.server.edits) / p95(base.server.edits) : undefined;
    const bursts = r.server.bursts.map((b) => b.latency);
    out.push(
      `| ${r.variant} | ${r.label} | ${count(r.rows)} | ${count(r.lines)} | ${Math.round(r.bytes / 1024)} | ` +
        `${ms(p50(r.server.cold))} / ${ms(p95(r.server.cold))} | ${ms(p50(r.server.edits))} / ${ms(p95(r.server.edits))} | ` +
        `${ms(p50(bursts))} / ${ms(p95(bursts))} / ${ms(Math.max(...bursts))} | ` +
        `${ms(p95(r.server.hover))} / ${ms(p95(r.server.completion))} / ${ms(p95(r.server.action))} | ${mb(r.server.rss)} | ` +
        `${ms(p50(r.remark))} / ${ms(p95(r.remark))} | ${ms(p50(r.markdownlint))} / ${ms(p95(r.markdownlint))} | ` +
        `${ratio(p50(r.server.cold) / p50(r.remark))} | ${flat === undefined ? '—' : ratio(flat)} |`,
    );
  }
  out.push('');
  const repsBySize = [...new Map(results.map((r) => [r.label, `${r.remark.length} (${r.label})`])).values()];
  out.push(
    `Sizes: tables and single in data rows (1k = 1,000 rows), sections, prose and wide in bytes (1 MB = 1,000,000 bytes). ` +
      `Cold open: didOpen → first publishDiagnostics, ${plan.coldSamples} fresh servers, each started and initialized before the clock starts ` +
      `(p95 of ${plan.coldSamples} = the slowest). ` +
      `Edit→diag: ${plan.edits} one-cell incremental didChange spread over the document's matrices (two thirds change a code, one third types a character into an activity's name, which moves the text after it), each sent ${plan.pause} ms after the diagnostics of the one before ` +
      `(the first, ${plan.pause} ms after those of the open) and timed to the publishDiagnostics of its version. ` +
      `Burst: ${plan.burst} edits of one cell sent back-to-back, last edit → diagnostics of the last version (${plan.bursts} bursts, judged on their p95, as edits are). ` +
      `Requests: ${plan.requests} each at random cells (half of the code actions on a diagnostic), round trips. ` +
      `remark / markdownlint: whole document, 1 warm-up then ${repsBySize.join(', ')} repetitions, ` +
      'in the bench process, one after the other (never alongside the server). Cold ÷ remark: p50 of the cold open ÷ p50 of the parse.',
    '',
  );

  // Targets: one row per target, one column per shape; each cell judges every size of the shape.
  const perSize = (variant, measure) =>
    ofShape(variant)
      .map((r) => `${r.label} = ${measure(r)}`)
      .join(', ');
  const slowestRequest = (r) => Math.max(p95(r.server.hover), p95(r.server.completion), p95(r.server.action));
  const targets = [
    {
      short: 'edit p95',
      what: `edit → fresh diagnostics p95 ≤ ${T.editP95} ms`,
      cell: (v) => [ofShape(v).every((r) => p95(r.server.edits) <= T.editP95), perSize(v, (r) => ms(p95(r.server.edits)))],
    },
    {
      short: 'flat',
      what: `flat: largest size's edit p95 ≤ ${T.flat} × smallest size's`,
      cell: (v) => {
        if (ofShape(v).length < 2) return [undefined, 'one size only'];
        const flat = p95(largestOf(v).server.edits) / p95(smallestOf(v).server.edits);
        return [flat <= T.flat, `${largestOf(v).label} ÷ ${smallestOf(v).label} = ${ratio(flat)}`];
      },
    },
    {
      short: 'cold ÷ remark',
      what: `cold open ≤ ${T.coldOverRemark}× one whole-document remark-gfm parse (aim ${T.coldOverRemarkAim}×)`,
      cell: (v) => {
        const ratios = ofShape(v).map((r) => p50(r.server.cold) / p50(r.remark));
        const aim = ratios.every((x) => x <= T.coldOverRemarkAim) ? 'aim met' : 'aim not met';
        return [ratios.every((x) => x <= T.coldOverRemark), `${perSize(v, (r) => ratio(p50(r.server.cold) / p50(r.remark)))}; ${aim}`];
      },
    },
    {
      short: 'requests p95',
      what: `hover / completion / code action p95 ≤ ${T.requestP95} ms (the slowest of the three)`,
      cell: (v) => [ofShape(v).every((r) => slowestRequest(r) <= T.requestP95), perSize(v, (r) => ms(slowestRequest(r)))],
    },
    {
      short: 'peak RSS',
      what: `peak server RSS ≤ ${T.rssMB} MB`,
      cell: (v) => [ofShape(v).every((r) => mb(r.server.rss) <= T.rssMB), perSize(v, (r) => `${mb(r.server.rss)} MB`)],
    },
    {
      short: 'identical to scratch',
      what: "identical to analysing from scratch (final diagnostics = a fresh server's)",
      cell: (v) => [
        ofShape(v).every((r) => r.server.sameAsScratch),
        perSize(v, (r) => (r.server.sameAsScratch ? `same (${r.server.finalCount})` : 'DIFFERENT')),
      ],
    },
    {
      short: 'typing burst',
      what: `typing burst: last keystroke → diagnostics p95 ≤ ${T.editP95} ms (max beside it), nothing older published after it`,
      cell: (v) => [
        ofShape(v).every(
          (r) =>
            p95(r.server.bursts.map((b) => b.latency)) <= T.editP95 &&
            r.server.bursts.every((b) => b.afterLast === 0) &&
            r.server.stale === 0,
        ),
        perSize(v, (r) => {
          const bursts = r.server.bursts.map((b) => b.latency);
          const stale = r.server.bursts.some((b) => b.afterLast) || r.server.stale ? ' STALE' : '';
          return `${ms(p95(bursts))} (max ${ms(Math.max(...bursts))})${stale}`;
        }),
      ],
    },
    {
      short: 'hover during cold',
      what:
        `hover during a cold analysis waits ≤ ${T.hoverDuringCold} ms for it (largest size; sent at didOpen: the median of ${plan.hoversAtOpen} ` +
        `less the median of a server that does nothing, see below / sent half-way: the median of ${plan.hoversHalfWay ?? 1}, the slowest beside it)`,
      cell: (v) => {
        const r = largestOf(v);
        if (!r.server.duringCold.length) return [undefined, 'not measured'];
        const { atOpen, floor, over, halfWay } = coldHovers(r.server);
        const halfWayLatencies = halfWay.map((h) => h.latency);
        // Judged on the median, as the hovers at didOpen are; a run saved with one is judged on it.
        const halfWayMs =
          halfWay.length > 1
            ? `${ms(p50(halfWayLatencies))} (max ${ms(Math.max(...halfWayLatencies))})`
            : halfWayLatencies.map(ms).join(', ');
        // Without the floor (a run that could not build it, or one saved before it was measured),
        // the hovers sent with the didOpen cannot be judged: said, not failed.
        if (!atOpen.length || Number.isNaN(floor))
          return [undefined, `${r.label} = at didOpen not judged (no floor measured) / ${halfWayMs}`];
        return [
          over <= T.hoverDuringCold && !(p50(halfWayLatencies) > T.hoverDuringCold),
          `${r.label} = ${ms(over)} (${ms(p50(atOpen))} − ${ms(floor)}) / ${halfWayMs}`,
        ];
      },
    },
  ];
  const failed = new Map(variants.map((v) => [v, []]));
  out.push(`| target | ${variants.join(' | ')} |`, `|---|${variants.map(() => '---').join('|')}|`);
  for (const target of targets) {
    const cells = variants.map((v) => {
      const [ok, measured] = target.cell(v);
      if (ok === false) failed.get(v).push(target.short);
      return ok === undefined ? `n/a: ${measured}` : `${mark(ok)}: ${measured}`;
    });
    out.push(`| ${target.what} | ${cells.join(' | ')} |`);
  }
  const misses = [...failed].filter(([, list]) => list.length).map(([v, list]) => `${v} (${list.join(', ')})`);
  out.push('', misses.length ? `**Not met:** ${misses.join('; ')}.` : 'Every target met on every shape measured.', '');

  // Where the time goes.
  out.push(
    'Where the time goes. Engine: `getDiagnostics` of the engine bundled from server/src/engine, in the bench process ' +
      "(warm JIT), on the same text and the same edits, each version a plain string (without the open document's record of what an edit left alone, " +
      'so it compares chunks the server takes as they were). RPC floor: a hover on a document that is not open (no work). ' +
      (info.debounce !== undefined
        ? `Debounce: the \`delay\` configured in ${info.debounceFile} (${info.debounce} ms). `
        : 'Debounce: none configured in the server (counted as 0). ') +
      `Edit→diag min: the fastest of the ${plan.edits} edits, a floor. First edits: the slowest of the first ${plan.firstEdits ?? 5} edits after the open, ` +
      `whose code V8 has not optimised yet (they count in the p95 above like any other). Rest = edit→diag p50 − debounce − engine edit p50 − RPC floor p50 ` +
      "(document update, diagnostics to JSON, timer slack, the machine's other load; the engine runs in another process, so it can be negative). Burst publications: how many of the " +
      `intermediate versions of all the bursts (${plan.burst - 1} each) were published (0 = coalesced). Paced: ${plan.burst} keystrokes ${plan.pause} ms apart, last → diagnostics.`,
    '',
    '| document | size | engine cold ms | engine edit ms p50 / p95 | edit→diag min ms | first edits max ms | RPC floor ms p50 | debounce ms | rest ms | burst intermediate publications | paced burst last→diag ms (intermediate published) | split lines+cells ms p50 | diagnostics open → end | non-null hovers |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  );
  for (const r of results) {
    const e = r.engine;
    const firstEdits = Math.max(...r.server.edits.slice(0, plan.firstEdits ?? 5));
    const rest = e ? p50(r.server.edits) - (info.debounce ?? 0) - p50(e.perEdit) - p50(r.server.rpc) : NaN;
    out.push(
      `| ${r.variant} | ${r.label} | ${e ? ms(e.cold[0]) : 'n/a'} | ${e ? `${ms(p50(e.perEdit))} / ${ms(p95(e.perEdit))}` : 'n/a'} | ` +
        `${ms(Math.min(...r.server.edits))} | ${ms(firstEdits)} | ${ms(p50(r.server.rpc))} | ${info.debounce ?? 'none'} | ${ms(rest)} | ${r.server.bursts.reduce((sum, b) => sum + b.intermediate, 0)}/${r.server.bursts.length * (plan.burst - 1)} | ` +
        `${ms(r.server.paced.latency)} (${r.server.paced.intermediate}/${plan.burst - 1}) | ${ms(p50(r.split))} | ${r.server.initialDiagnostics} → ${r.server.finalCount} | ${r.server.answers.hoverHits}/${plan.requests} |`,
    );
  }
  out.push('');
  const during = results.filter((r) => r.server.duringCold.length);
  if (during.length) {
    out.push(
      'Hover during a cold analysis (fresh server each). A hover sent right behind the didOpen of a large document waits, in any server built on ' +
        'vscode-languageserver, for the whole message to be read from the pipe, decoded and parsed; the floor is the same hover sent to a server ' +
        'on that library that keeps the text and does nothing else (bench/floorServer.mjs), and what ours adds is the difference of the medians.',
      '',
    );
    out.push(
      '| document | size | sent | hover answered in ms | floor ms | answered before first diagnostics | hover result | first diagnostics at ms |',
      '|---|--:|---|--:|--:|---|---|--:|',
    );
    for (const r of during) {
      const { floor } = coldHovers(r.server);
      for (const h of r.server.duringCold) {
        out.push(
          `| ${r.variant} | ${r.label} | ${h.atOpen ? 'with didOpen' : `at ${ms(h.sentAt)} ms`} | ${ms(h.latency)} | ${h.atOpen ? ms(floor) : '—'} | ` +
            `${h.beforeDiagnostics ? 'yes' : 'no'} | ${h.answered ? 'hover' : 'null'} | ${ms(h.diagnosticsAt)} |`,
        );
      }
    }
    out.push('');
  }
  return out.join('\n');
}

/** Replaces the `## Results` section of `doc` (docs/performance.md) with `body`, or appends one. */
export function writeResults(doc, body) {
  const section =
    '## Results\n\n' +
    'Output of `npm run bench -- --write` (bench/run.mjs), overwritten on each such run. `npm run bench` builds, ' +
    'generates the documents (bench/generate.mjs: front matter, a legend, then one of five shapes: ' +
    '"tables" = a heading and a 50-row matrix of 5 parties per section; "single" = one matrix of 5 parties; ' +
    '"sections" = a runbook of many small matrices, each under its `## Area i` heading with two lines of prose (a link, inline code) and 4 rows of 3 parties; ' +
    '"prose" = mostly prose (headings, long paragraphs, lists, code blocks holding pipes, a couple of tables that are not matrices) with a few 30-row matrices; ' +
    '"wide" = one matrix of 30 parties, most cells empty; about one row in a hundred carries a real mistake), ' +
    'drives `node dist/server.js --stdio` as an editor would (bench/drive.mjs) and prints this (bench/report.mjs). ' +
    'Sizes: tables and single at 1,000, 4,000 and 11,000 data rows; the other shapes at about 0.1, 0.3 and 1 MB of text. ' +
    `Targets, each judged on every shape: edit → diagnostics p95 ≤ ${TARGETS.editP95} ms and flat (the largest size's p95 ≤ ${TARGETS.flat} × the smallest's), ` +
    `cold open ≤ ${TARGETS.coldOverRemark}× one whole-document remark-gfm parse (aim ${TARGETS.coldOverRemarkAim}×), ` +
    `hover / completion / code action p95 ≤ ${TARGETS.requestP95} ms, peak RSS ≤ ${TARGETS.rssMB} MB; also: the same diagnostics as from scratch, ` +
    `a typing burst's last keystroke → diagnostics p95 ≤ ${TARGETS.editP95} ms over many bursts with nothing older published after it, a hover during a cold open waits ≤ ${TARGETS.hoverDuringCold} ms for it (beyond reading the didOpen it was sent behind). ` +
    '`-- --no-build` skips the build, `-- --json=FILE` keeps every sample, `-- --variants=sections --sizes=100k` runs a subset ' +
    '(a bare number is rows, a number with k or m is bytes); `-- --help` lists every flag. ' +
    'Nothing here is timed in the test suite.\n\n' +
    `${body.trim()}\n`;
  let content = fs.existsSync(doc)
    ? fs.readFileSync(doc, 'utf8')
    : '# Performance\n\n## Design\n\n_Placeholder: the design (how the server stays fast on large documents) is written by the lead._\n\n';
  const start = content.search(/^## Results\b/m);
  if (start < 0) content = `${content.trimEnd()}\n\n${section}`;
  else {
    const next = content.slice(start + 1).search(/^## /m);
    const end = next < 0 ? content.length : start + 1 + next;
    content = `${content.slice(0, start)}${section}${end < content.length ? `\n${content.slice(end)}` : ''}`;
  }
  fs.writeFileSync(doc, content);
}
