/**
 * Built-in responsibility schemes. Letters collide across schemes (S is Support
 * in RASCI and Signatory in RACI-VS), so a document's legend, when it has one,
 * overrides what is read here.
 */

export type Lang = 'en' | 'fr' | 'de' | 'es' | 'it';
export const LANGS: readonly Lang[] = ['en', 'fr', 'de', 'es', 'it'];

/** What a code does for the row rules: the one who approves, the ones who do the work, or neither. */
export type RoleKind = 'accountable' | 'responsible' | 'other';

export interface RoleDef {
  code: string;
  kind: RoleKind;
  names: Record<Lang, string>;
  meanings: Record<Lang, string>;
}

export interface Scheme {
  id: SchemeId;
  roles: RoleDef[];
}

export const SCHEME_IDS = ['RACI', 'RASCI', 'RACI-VS', 'CAIRO', 'DACI'] as const;
export type SchemeId = (typeof SCHEME_IDS)[number];

const R: RoleDef = {
  code: 'R',
  kind: 'responsible',
  names: { en: 'Responsible', fr: 'Réalise', de: 'Verantwortlich (durchführend)', es: 'Responsable', it: 'Responsabile' },
  meanings: {
    en: 'does the work to complete the activity',
    fr: "réalise l'activité",
    de: 'führt die Tätigkeit durch',
    es: 'realiza el trabajo de la actividad',
    it: "esegue il lavoro dell'attività",
  },
};
const A: RoleDef = {
  code: 'A',
  kind: 'accountable',
  names: {
    en: 'Accountable',
    fr: 'Approuve',
    de: 'Rechenschaftspflichtig (genehmigend)',
    es: 'Aprobador',
    it: 'Accountable (supervisore)',
  },
  meanings: {
    en: 'approves the work and owns the outcome; exactly one per activity',
    fr: 'approuve la réalisation et répond du résultat\u202f; un seul par activité',
    de: 'genehmigt das Ergebnis und trägt die Verantwortung; genau einer pro Tätigkeit',
    es: 'aprueba el trabajo y responde del resultado; uno solo por actividad',
    it: 'approva il lavoro e risponde del risultato; uno solo per attività',
  },
};
const C: RoleDef = {
  code: 'C',
  kind: 'other',
  names: { en: 'Consulted', fr: 'Consulté', de: 'Konsultiert (beratend)', es: 'Consultado', it: 'Consultato' },
  meanings: {
    en: 'gives input before or during the work (two-way)',
    fr: 'donne son avis avant ou pendant le processus (dans les deux sens)',
    de: 'wird vor oder während der Arbeit beraten (in beide Richtungen)',
    es: 'aporta su opinión antes o durante el trabajo (en ambos sentidos)',
    it: 'fornisce il proprio parere prima o durante il lavoro (in entrambe le direzioni)',
  },
};
const I: RoleDef = {
  code: 'I',
  kind: 'other',
  names: { en: 'Informed', fr: 'Informé', de: 'Informiert', es: 'Informado', it: 'Informato' },
  meanings: {
    en: 'is kept up to date on progress or results (one-way)',
    fr: 'est tenu informé des résultats (dans un seul sens)',
    de: 'wird über Fortschritt oder Ergebnis informiert (in eine Richtung)',
    es: 'se le mantiene al tanto del avance o del resultado (en un solo sentido)',
    it: "viene tenuto aggiornato sull'avanzamento o sui risultati (in una sola direzione)",
  },
};
const S_SUPPORT: RoleDef = {
  code: 'S',
  kind: 'other',
  names: { en: 'Support', fr: 'Support', de: 'Unterstützend', es: 'Soporte', it: 'Supporto' },
  meanings: {
    en: 'provides resources or help to the Responsible',
    fr: 'apporte des ressources ou une aide au réalisateur',
    de: 'stellt dem Verantwortlichen Ressourcen oder Hilfe bereit',
    es: 'aporta recursos o ayuda al responsable',
    it: 'fornisce risorse o aiuto al responsabile',
  },
};
const V: RoleDef = {
  code: 'V',
  kind: 'other',
  names: { en: 'Verifier', fr: 'Vérificateur', de: 'Prüfer', es: 'Verificador', it: 'Verificatore' },
  meanings: {
    en: 'checks the result against the acceptance criteria',
    fr: "vérifie le résultat au regard des critères d'acceptation",
    de: 'prüft das Ergebnis gegen die Abnahmekriterien',
    es: 'comprueba el resultado frente a los criterios de aceptación',
    it: 'verifica il risultato rispetto ai criteri di accettazione',
  },
};
const S_SIGNATORY: RoleDef = {
  code: 'S',
  kind: 'other',
  names: { en: 'Signatory', fr: 'Signataire', de: 'Unterzeichner', es: 'Firmante', it: 'Firmatario' },
  meanings: {
    en: 'signs off the result',
    fr: 'signe le résultat',
    de: 'zeichnet das Ergebnis ab',
    es: 'firma el resultado',
    it: 'firma il risultato',
  },
};
const O: RoleDef = {
  code: 'O',
  kind: 'other',
  names: { en: 'Out of the loop', fr: 'Hors du circuit', de: 'Nicht beteiligt', es: 'Fuera del circuito', it: 'Fuori dal giro' },
  meanings: {
    en: 'explicitly not involved',
    fr: 'explicitement non impliqué',
    de: 'ausdrücklich nicht beteiligt',
    es: 'explícitamente no implicado',
    it: 'esplicitamente non coinvolto',
  },
};
const D: RoleDef = {
  code: 'D',
  kind: 'responsible',
  names: { en: 'Driver', fr: 'Pilote', de: 'Treiber', es: 'Impulsor', it: 'Promotore' },
  meanings: {
    en: 'drives the work and the decision to completion',
    fr: "pilote le travail et la décision jusqu'au bout",
    de: 'treibt die Arbeit und die Entscheidung voran',
    es: 'impulsa el trabajo y la decisión hasta el final',
    it: 'porta avanti il lavoro e la decisione fino alla fine',
  },
};
const APPROVER: RoleDef = {
  ...A,
  names: { en: 'Approver', fr: 'Approbateur', de: 'Genehmiger', es: 'Aprobador', it: 'Approvatore' },
};
const CONTRIBUTOR: RoleDef = {
  ...C,
  names: { en: 'Contributor', fr: 'Contributeur', de: 'Mitwirkender', es: 'Colaborador', it: 'Collaboratore' },
};

export const SCHEMES: Record<SchemeId, Scheme> = {
  RACI: { id: 'RACI', roles: [R, A, C, I] },
  RASCI: { id: 'RASCI', roles: [R, A, S_SUPPORT, C, I] },
  'RACI-VS': { id: 'RACI-VS', roles: [R, A, C, I, V, S_SIGNATORY] },
  CAIRO: { id: 'CAIRO', roles: [R, A, C, I, O] },
  DACI: { id: 'DACI', roles: [D, APPROVER, CONTRIBUTOR, I] },
};

export function findScheme(name: string | undefined): Scheme | undefined {
  if (!name) return undefined;
  const wanted = name
    .trim()
    .toUpperCase()
    .replace(/[\s_]+/g, '-');
  if (wanted === 'RASIC') return SCHEMES.RASCI;
  if (wanted === 'RACIVS') return SCHEMES['RACI-VS'];
  return SCHEME_IDS.includes(wanted as SchemeId) ? SCHEMES[wanted as SchemeId] : undefined;
}

export function langOf(locale: string | undefined): Lang {
  const base = (locale ?? 'en').toLowerCase().slice(0, 2);
  return (LANGS as readonly string[]).includes(base) ? (base as Lang) : 'en';
}
