/**
 * Role codes written as words: the names of the roles in our five languages and their
 * usual abbreviations (`Accountable`, `Consulté`, `Verantwortlich`, `Aprobador`, `Resp.`).
 * A word stands for its letter in the scheme it names. French "Responsable" is R in some
 * documents and A in others (the "Responsable, Acteur" school): it is read as ambiguous,
 * and the document's legend or its other words decide (see readWords.ts).
 */

export const AMBIGUOUS = 'responsable';

const WORDS: Record<string, string> = {
  // en
  responsible: 'R',
  accountable: 'A',
  consulted: 'C',
  informed: 'I',
  approver: 'A',
  driver: 'D',
  contributor: 'C',
  contributors: 'C',
  support: 'S',
  supporting: 'S',
  supportive: 'S',
  signatory: 'S',
  verifier: 'V',
  // fr
  realise: 'R',
  realisateur: 'R',
  realisatrice: 'R',
  realisation: 'R',
  acteur: 'R',
  approuve: 'A',
  approbateur: 'A',
  approbatrice: 'A',
  approbation: 'A',
  autorite: 'A',
  consulte: 'C',
  consultee: 'C',
  informe: 'I',
  informee: 'I',
  // de
  verantwortlich: 'R',
  durchfuhrend: 'R',
  durchfuhrung: 'R',
  rechenschaftspflichtig: 'A',
  genehmigend: 'A',
  genehmiger: 'A',
  konsultiert: 'C',
  beratend: 'C',
  informiert: 'I',
  unterstutzend: 'S',
  // es
  aprobador: 'A',
  aprobadora: 'A',
  aprueba: 'A',
  consultado: 'C',
  consultada: 'C',
  informado: 'I',
  informada: 'I',
  // it
  responsabile: 'R',
  approvatore: 'A',
  supervisore: 'A',
  consultato: 'C',
  consultata: 'C',
  informato: 'I',
  informata: 'I',
  // abbreviations, with their dot
  'resp.': 'R',
  'appr.': 'A',
  'acc.': 'A',
  'cons.': 'C',
  'inf.': 'I',
  'info.': 'I',
  'verantw.': 'R',
  'real.': 'R',
};

/** Words that say which reading of "Responsable" a document uses: a word for A leaves R to it, and the other way round. */
export const SPANISH_WORDS = new Set(['aprobador', 'aprobadora', 'aprueba', 'consultado', 'consultada', 'informado', 'informada']);

/** Lower case, accents removed: how words are looked up. */
export function wordKey(word: string): string {
  // ASCII has no accent to remove: most words, and normalize() is the costly part.
  let ascii = true;
  for (let i = 0; i < word.length && ascii; i++) ascii = word.charCodeAt(i) < 128;
  if (ascii) return word.toLowerCase();
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** The code a word stands for, `?` for the ambiguous "Responsable", or undefined for a word that is no role. */
export function codeOfWord(word: string): string | undefined {
  const key = wordKey(word);
  if (key === AMBIGUOUS) return '?';
  return Object.prototype.hasOwnProperty.call(WORDS, key) ? WORDS[key] : undefined;
}
