import type { Source } from '../text/source';

/**
 * Where a list marker at `at` ends (`-`, `*`, `+`, or one to nine digits and `.` or `)`),
 * when a blank or the line's end follows it as CommonMark requires; 0 when there is none.
 * The line scans that follow containers without parsing (the legend lines, the nesting a
 * chunk is skipped for) read markers through this one function.
 */
export function listMarkerEnd(source: Source, at: number, end: number): number {
  const c = source.charCodeAt(at);
  let j = at;
  if (c === 45 || c === 42 || c === 43) j = at + 1;
  else if (c >= 48 && c <= 57) {
    while (j < end && j - at < 9 && isDigitAt(source, j)) j++;
    const d = j < end ? source.charCodeAt(j) : 0;
    if (d !== 46 && d !== 41) return 0;
    j++;
  } else return 0;
  if (j >= end) return j;
  const after = source.charCodeAt(j);
  return after === 32 || after === 9 || after === 10 || after === 13 ? j : 0;
}

function isDigitAt(source: Source, at: number): boolean {
  const c = source.charCodeAt(at);
  return c >= 48 && c <= 57;
}
