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

export const SCHEME_IDS = ['RACI', 'RASCI', 'RACI-VS', 'CAIRO', 'DACI', 'RAPID', 'DRI', 'RACIQ', 'PACSI', 'VMI'] as const;
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

const RECOMMEND: RoleDef = {
  code: 'R',
  kind: 'other',
  names: { en: 'Recommend', fr: 'Recommande', de: 'Empfiehlt', es: 'Recomienda', it: 'Raccomanda' },
  meanings: {
    en: 'proposes the decision, with the facts and options behind it',
    fr: 'propose la décision, avec les faits et les options',
    de: 'schlägt die Entscheidung vor, mit Fakten und Optionen',
    es: 'propone la decisión, con los hechos y las opciones',
    it: 'propone la decisione, con i fatti e le opzioni',
  },
};
const AGREE: RoleDef = {
  code: 'A',
  kind: 'other',
  names: { en: 'Agree', fr: 'Donne son accord', de: 'Stimmt zu', es: 'Acuerda', it: 'Approva formalmente' },
  meanings: {
    en: 'must agree to the recommendation before it goes to the decider',
    fr: 'doit approuver la recommandation avant la décision',
    de: 'muss der Empfehlung vor der Entscheidung zustimmen',
    es: 'debe aprobar la recomendación antes de la decisión',
    it: 'deve approvare la raccomandazione prima della decisione',
  },
};
const PERFORM: RoleDef = {
  code: 'P',
  kind: 'responsible',
  names: { en: 'Perform', fr: 'Exécute', de: 'Führt aus', es: 'Ejecuta', it: 'Esegue' },
  meanings: {
    en: 'carries out the decision or the work',
    fr: 'met en œuvre la décision ou le travail',
    de: 'setzt die Entscheidung oder die Arbeit um',
    es: 'lleva a cabo la decisión o el trabajo',
    it: 'mette in atto la decisione o il lavoro',
  },
};
/** In RAPID the decision is the point: an activity with no one to perform it is no finding. */
const PERFORM_DECISION: RoleDef = { ...PERFORM, kind: 'other' };
const INPUT: RoleDef = {
  code: 'I',
  kind: 'other',
  names: { en: 'Input', fr: 'Contribue', de: 'Gibt Input', es: 'Aporta', it: 'Contribuisce' },
  meanings: {
    en: 'is consulted on the recommendation; not binding',
    fr: 'est consulté sur la recommandation, sans la lier',
    de: 'wird zur Empfehlung gehört, ohne sie zu binden',
    es: 'se le consulta sobre la recomendación, sin que sea vinculante',
    it: 'viene consultato sulla raccomandazione, senza vincolarla',
  },
};
const DECIDE: RoleDef = {
  code: 'D',
  kind: 'accountable',
  names: { en: 'Decide', fr: 'Décide', de: 'Entscheidet', es: 'Decide', it: 'Decide' },
  meanings: {
    en: 'makes the decision and commits to it; exactly one per activity',
    fr: "prend la décision et s'y engage ; un seul par activité",
    de: 'trifft die Entscheidung und steht dafür ein; genau einer pro Tätigkeit',
    es: 'toma la decisión y se compromete con ella; uno solo por actividad',
    it: "prende la decisione e se ne assume l'impegno; uno solo per attività",
  },
};
const DRI: RoleDef = {
  code: 'DRI',
  kind: 'accountable',
  names: {
    en: 'Directly responsible individual',
    fr: 'Responsable direct',
    de: 'Direkt verantwortliche Person',
    es: 'Responsable directo',
    it: 'Responsabile diretto',
  },
  meanings: {
    en: 'the one person who owns the activity and sees it done; exactly one per activity',
    fr: "la personne qui porte l'activité et la mène à bien ; une seule par activité",
    de: 'die eine Person, der die Tätigkeit gehört und die sie zu Ende bringt; genau eine pro Tätigkeit',
    es: 'la única persona que asume la actividad y la lleva a término; una sola por actividad',
    it: "l'unica persona che possiede l'attività e la porta a termine; una sola per attività",
  },
};
const QUALITY: RoleDef = {
  code: 'Q',
  kind: 'other',
  names: { en: 'Quality review', fr: 'Contrôle qualité', de: 'Qualitätsprüfung', es: 'Revisión de calidad', it: 'Controllo qualità' },
  meanings: {
    en: 'reviews the result for quality before it is accepted',
    fr: 'vérifie la qualité du résultat avant son acceptation',
    de: 'prüft die Qualität des Ergebnisses vor der Abnahme',
    es: 'revisa la calidad del resultado antes de aceptarlo',
    it: 'verifica la qualità del risultato prima che sia accettato',
  },
};
const CONTROL: RoleDef = {
  code: 'C',
  kind: 'other',
  names: { en: 'Control', fr: 'Contrôle', de: 'Kontrolliert', es: 'Controla', it: 'Controlla' },
  meanings: {
    en: 'reviews the result and advises on it',
    fr: 'examine le résultat et donne son avis',
    de: 'prüft das Ergebnis und berät dazu',
    es: 'revisa el resultado y aconseja sobre él',
    it: 'esamina il risultato e dà consigli',
  },
};
const SUGGEST: RoleDef = {
  code: 'S',
  kind: 'other',
  names: { en: 'Suggest', fr: 'Suggère', de: 'Schlägt vor', es: 'Sugiere', it: 'Suggerisce' },
  meanings: {
    en: 'is consulted and makes suggestions',
    fr: 'est consulté et fait des suggestions',
    de: 'wird gefragt und macht Vorschläge',
    es: 'se le consulta y hace sugerencias',
    it: 'viene consultato e dà suggerimenti',
  },
};
const V_VERANTWORTUNG: RoleDef = {
  code: 'V',
  kind: 'accountable',
  names: { en: 'Responsibility', fr: 'Responsabilité', de: 'Verantwortung', es: 'Responsabilidad', it: 'Responsabilità' },
  meanings: {
    en: 'owns the activity and its outcome; exactly one per activity',
    fr: "porte l'activité et son résultat ; un seul par activité",
    de: 'trägt die Verantwortung für die Tätigkeit und ihr Ergebnis; genau einer pro Tätigkeit',
    es: 'asume la actividad y su resultado; uno solo por actividad',
    it: "risponde dell'attività e del suo risultato; uno solo per attività",
  },
};
const M_MITWIRKUNG: RoleDef = {
  code: 'M',
  kind: 'other',
  names: { en: 'Collaboration', fr: 'Collaboration', de: 'Mitwirkung', es: 'Colaboración', it: 'Collaborazione' },
  meanings: {
    en: 'takes part in the work',
    fr: 'participe au travail',
    de: 'wirkt an der Arbeit mit',
    es: 'participa en el trabajo',
    it: 'partecipa al lavoro',
  },
};
const I_INFORMATION: RoleDef = {
  ...I,
  names: { en: 'Information', fr: 'Information', de: 'Information', es: 'Información', it: 'Informazione' },
};

export const SCHEMES: Record<SchemeId, Scheme> = {
  RACI: { id: 'RACI', roles: [R, A, C, I] },
  RASCI: { id: 'RASCI', roles: [R, A, S_SUPPORT, C, I] },
  'RACI-VS': { id: 'RACI-VS', roles: [R, A, C, I, V, S_SIGNATORY] },
  CAIRO: { id: 'CAIRO', roles: [R, A, C, I, O] },
  DACI: { id: 'DACI', roles: [D, APPROVER, CONTRIBUTOR, I] },
  RAPID: { id: 'RAPID', roles: [RECOMMEND, AGREE, PERFORM_DECISION, INPUT, DECIDE] },
  DRI: { id: 'DRI', roles: [DRI, C, I] },
  RACIQ: { id: 'RACIQ', roles: [R, A, C, I, QUALITY] },
  PACSI: { id: 'PACSI', roles: [PERFORM, A, CONTROL, SUGGEST, I] },
  VMI: { id: 'VMI', roles: [V_VERANTWORTUNG, M_MITWIRKUNG, I_INFORMATION] },
};

export function findScheme(name: string | undefined): Scheme | undefined {
  if (!name) return undefined;
  const wanted = name
    .trim()
    .toUpperCase()
    .replace(/[\s_]+/g, '-');
  if (wanted === 'RASIC') return SCHEMES.RASCI;
  if (wanted === 'RACIVS') return SCHEMES['RACI-VS'];
  if (wanted === 'V-M-I' || wanted === 'V/M/I') return SCHEMES.VMI;
  return SCHEME_IDS.includes(wanted as SchemeId) ? SCHEMES[wanted as SchemeId] : undefined;
}

export function langOf(locale: string | undefined): Lang {
  const base = (locale ?? 'en').toLowerCase().slice(0, 2);
  return (LANGS as readonly string[]).includes(base) ? (base as Lang) : 'en';
}

/**
 * The scheme a matrix's letters name, when nothing else does (no legend, no configured
 * scheme): the one whose codes are exactly the letters used, or else the smallest one
 * whose codes hold them all, when no other is as small (`R A S` is RASCI, not RACI-VS).
 * RACI's own letters name nothing: they are read as RACI already.
 */
export function inferScheme(used: ReadonlySet<string>): Scheme | undefined {
  const letters = [...used];
  if (letters.length === 0 || letters.every((code) => SCHEMES.RACI.roles.some((role) => role.code === code))) return undefined;
  const holding = SCHEME_IDS.filter((id) => id !== 'RACI' && letters.every((code) => SCHEMES[id].roles.some((role) => role.code === code)));
  const exact = holding.filter((id) => SCHEMES[id].roles.length === used.size);
  if (exact.length === 1) return SCHEMES[exact[0]];
  const smallest = Math.min(...holding.map((id) => SCHEMES[id].roles.length));
  const candidates = holding.filter((id) => SCHEMES[id].roles.length === smallest);
  return candidates.length === 1 ? SCHEMES[candidates[0]] : undefined;
}

/** The schemes that define every one of `codes`, RACI first. */
export function schemesWith(codes: readonly string[]): Scheme[] {
  return SCHEME_IDS.filter((id) => codes.every((code) => SCHEMES[id].roles.some((role) => role.code === code))).map((id) => SCHEMES[id]);
}
