/**
 * A table's rows, or a matrix's activities, are kept in pieces (see tableChunks.ts) and
 * joined into one array at every version. `concat` joins them natively, with the result
 * sized once: a loop of JavaScript copies a slot at a time (and runs in the interpreter during
 * a document's first analysis), `flat()` is slow on many small arrays, and `push` leaves
 * spare room behind in an array kept with the model. A call takes so many arguments only:
 * beyond, the loop (a table of some hundred thousand rows).
 */
export function concatPieces<T>(first: readonly T[], pieces: readonly (readonly T[])[]): T[] {
  if (pieces.length <= MAX_SPREAD) return first.concat(...pieces);
  let count = first.length;
  for (let i = 0; i < pieces.length; i++) count += pieces[i].length;
  const joined: T[] = new Array(count);
  count = 0;
  for (let i = 0; i < first.length; i++) joined[count++] = first[i];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    for (let j = 0; j < piece.length; j++) joined[count++] = piece[j];
  }
  return joined;
}

/** Well within what V8 takes as the arguments of one call. */
const MAX_SPREAD = 1024;
