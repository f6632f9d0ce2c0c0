/**
 * @module siuss/sinbaFlow
 * The SINBA flow (SINBA.xsd): one `SINBA` record per minor with prestazioni in the period,
 * named by a keyed pseudonym (pseudonym.ts), never by name or codice fiscale. Who is a minor:
 * the schema's age bands (FasciaEtaBeneficiario) stop at 18, so a beneficiary under 18 on the
 * reference day — the first day of the period on which one of their prestazioni is delivered.
 * Values come from the cartella: date of birth, residence and ISEE band from the admin
 * sections, everything else from the cartella's scheda SINBA (crdt/model sinba.ts). Anything
 * missing, invalid or in conflict excludes the minor's prestazioni, which are reported with
 * the fields to complete.
 */
import { ok } from '../../crypto';
import {
  giorno, ingressoSinba, leggiAdmin, leggiSchedaSinba, prop, scadenzaDsu,
  type Cartella, type DataIso, type IngressoSinba, type Prestazione, type VistaAdmin,
} from '../model';
import type { SiussResult } from './errors';
import { lexicalValue } from './facets';
import { identificazioneFlusso, readCartelle, SIUSS_NAMESPACE, writeAttributes } from './flowParts';
import {
  conflictedFields, FieldProblems, PSEUDO_FIELDS, sortExcluded, type ExcludedPrestazione, type ExportOutcome, type FieldProblem,
} from './outcome';
import { placePrestazione } from './period';
import { parsePseudonymKey, sinbaPseudonym } from './pseudonym';
import { parseSiussRequest, type PeriodoSiuss, type SiussRequestInput } from './request';
import { parseSchedaSinba } from './schedaSinba';
import { COMPOSIZIONE_FAMIGLIA, SCHEDA_ATTRIBUTES, SINBA_ATTRIBUTES } from './sinbaSchema';
import { xmlDocument, type XmlElement } from './xml';

/** A SINBA export request: the common request plus the ente's pseudonym key. */
export interface SinbaRequestInput extends SiussRequestInput {
  /** The ente's secret 32-byte key for IDBeneficiario (the same for every flow, kept by the ente). */
  readonly chiavePseudonimo: Uint8Array;
}

/** Age in completed years on `day`. */
export function ageOn(nascita: DataIso, day: DataIso): number {
  const years = Number(day.slice(0, 4)) - Number(nascita.slice(0, 4));
  return day.slice(5) < nascita.slice(5) ? years - 1 : years;
}

/** FasciaEtaBeneficiario: 1 for 0–2 completed years, 2 for 3–5, … 6 for 15–17. */
export function fasciaEta(age: number): string | undefined {
  return age >= 0 && age < 18 ? String(Math.floor(age / 3) + 1) : undefined;
}

const SOGLIE_ISEE = [0, 3000, 6000, 9000, 12000, 15000, 20000];

/** FasciaISEEBeneficiario from an attestation whose DSU is valid on `day`, else undefined. */
export function fasciaIsee(isee: VistaAdmin['procedimento']['isee'], day: DataIso): string | undefined {
  if (!isee || isee.dataDsu > day || day > scadenzaDsu(isee.dataDsu)) return undefined;
  const i = SOGLIE_ISEE.findIndex((s) => isee.valore <= s);
  return String(i === -1 ? 8 : i + 1);
}

interface Minore {
  readonly element?: XmlElement;
  readonly exported: number;
  readonly excluded: readonly ExcludedPrestazione[];
}

const NOTHING: Minore = { exported: 0, excluded: [] };

interface RecordSinba {
  readonly attributes: Array<[string, string]>;
  readonly composizione: readonly string[];
  readonly problems: FieldProblems;
}

/**
 * The attributes of a minor's SINBA record on the reference day, and what keeps it from being
 * valid: the cartella's values (pseudonym, year and age band, ISEE band, residence), the scheda's
 * values and conflicts. `pseudonym` turns the codice fiscale into IDBeneficiario.
 */
function recordSinba(
  id: string, v: VistaAdmin, scheda: IngressoSinba, riferimento: DataIso, pseudonym: (cf: string) => string,
): RecordSinba {
  const a = v.anagrafica;
  const age = a.dataNascita ? ageOn(a.dataNascita, riferimento) : undefined;
  const problems = new FieldProblems();
  if (id === '') problems.add('IdCartella', PSEUDO_FIELDS.IdCartella, 'missing');
  for (const name of scheda.inConflitto) {
    problems.add(name, SCHEDA_ATTRIBUTES.find((x) => x.name === name)?.label ?? COMPOSIZIONE_FAMIGLIA.label, 'conflict');
  }
  const s = parseSchedaSinba(Object.fromEntries(Object.entries(scheda.valori).filter(([k]) => !scheda.inConflitto.includes(k))));
  if (age !== undefined && age < 0) problems.add('FasciaEtaBeneficiario', 'Data di nascita (successiva alla prestazione)', 'invalid');
  const derived = {
    IDBeneficiario: a.codiceFiscale ? pseudonym(a.codiceFiscale) : undefined,
    FasciaEtaBeneficiario: age === undefined ? undefined : fasciaEta(age),
    FasciaISEEBeneficiario: fasciaIsee(v.procedimento.isee, riferimento),
    AnnoNascita: a.dataNascita?.slice(0, 4),
    CodiceRegioneResidenza: a.codiceRegioneResidenza,
    CodiceNazioneResidenza: a.codiceNazioneResidenza,
  };
  const required = SINBA_ATTRIBUTES.filter((x) => !scheda.inConflitto.includes(x.name));
  const attributes = writeAttributes(required, { ...s.values, ...derived }, conflictedFields(v), problems);
  problems.addAll(s.problems.filter((p) => !scheda.inConflitto.includes(p.field))); // the household comes last, as in the schema
  return { attributes, composizione: s.composizione, problems };
}

function exportMinore(id: string, v: VistaAdmin, periodo: PeriodoSiuss, key: Uint8Array, scheda: IngressoSinba): Minore {
  const inPeriod: Array<{ x: Prestazione; day?: DataIso }> = [];
  for (const x of v.prestazioni) {
    const p = placePrestazione(x, periodo);
    if (p.kind === 'in') inPeriod.push({ x, day: p.firstDay });
    else if (p.kind === 'undated') inPeriod.push({ x });
  }
  if (inPeriod.length === 0) return NOTHING;
  const days = inPeriod.flatMap((p) => (p.day ? [p.day] : [])).sort();
  const riferimento = days[0] ?? periodo.dal;
  const a = v.anagrafica;
  if (a.dataNascita && ageOn(a.dataNascita, riferimento) >= 18) return NOTHING;

  const conflicts = conflictedFields(v);
  const r = recordSinba(id, v, scheda, riferimento, (cf) => sinbaPseudonym(key, cf));
  const codici: string[] = [];
  const excluded: ExcludedPrestazione[] = [];
  let exported = 0;
  for (const { x, day } of inPeriod) {
    const problems = new FieldProblems();
    problems.addAll(r.problems.list());
    if (!day) problems.add('DataPrestazione', PSEUDO_FIELDS.DataPrestazione, 'missing');
    if (conflicts.has(`prestazioni.${x.id}`)) problems.add('Prestazione', PSEUDO_FIELDS.Prestazione, 'conflict');
    const codice = lexicalValue({ kind: 'text', min: 5, max: 10 }, x.codicePrestazione);
    if (codice === undefined) problems.add('CodicePrestazione', 'Codice della prestazione', 'invalid');
    if (!problems.empty || codice === undefined) {
      excluded.push({ cartellaId: id, prestazioneId: x.id, fields: problems.list() });
      continue;
    }
    exported++;
    if (!codici.includes(codice)) codici.push(codice);
  }
  if (exported === 0) return { exported, excluded };
  return {
    exported,
    excluded,
    element: {
      name: 'SINBA',
      attributes: r.attributes,
      children: [
        { name: 'Prestazioni', children: codici.map((c) => ({ name: 'CodicePrestazione', text: c })) },
        { name: 'Famiglia', children: r.composizione.map((c) => ({ name: COMPOSIZIONE_FAMIGLIA.name, text: c })) },
      ],
    },
  };
}

/**
 * What the SINBA record of this cartella's person lacks on `oggi` (for the cartella's screen,
 * before any export): the scheda's required fields, the anagrafica's (codice fiscale for the
 * pseudonym, date of birth, state of residence), conflicts. Independent of prestazioni and of
 * the ente's key; the export checks the same fields on each period's reference day.
 */
export function mancantiSinba(c: Cartella, oggi: Date): readonly FieldProblem[] {
  const { vista } = leggiAdmin(c.admin);
  const r = recordSinba(vista.meta.id ?? '', vista, ingressoSinba(leggiSchedaSinba(c.admin)), giorno(oggi), () => 'pseudonimo');
  return r.problems.list();
}

/**
 * Builds the SINBA flow of the minors among `cartelle` with prestazioni in the requested
 * period. Refuses (with a code) only an unusable request; minors with incomplete data are
 * excluded and listed. Needs `initSodium()` done (the pseudonym is a keyed BLAKE2b).
 */
export function exportSinba(cartelle: readonly Cartella[], input: SinbaRequestInput): SiussResult<ExportOutcome> {
  const request = parseSiussRequest(input, 'SINBA');
  if (!request.ok) return request;
  const key = parsePseudonymKey(prop(input, 'chiavePseudonimo'));
  if (!key.ok) return key;
  const lette = readCartelle(cartelle);
  if (!lette.ok) return lette;
  const records: XmlElement[] = [];
  const excluded: ExcludedPrestazione[] = [];
  let exported = 0;
  for (const { id, vista, cartella } of lette.value) {
    const m = exportMinore(id, vista, request.value.periodo, key.value, ingressoSinba(leggiSchedaSinba(cartella.admin)));
    if (m.element) records.push(m.element);
    exported += m.exported;
    excluded.push(...m.excluded);
  }
  const xml = records.length === 0 ? null : xmlDocument({
    name: 'Flusso',
    attributes: [['xmlns', SIUSS_NAMESPACE]],
    children: [identificazioneFlusso(request.value), ...records],
  });
  return ok({ xml, exported, beneficiaries: records.length, excluded: sortExcluded(excluded) });
}
