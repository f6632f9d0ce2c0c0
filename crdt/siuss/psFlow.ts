/**
 * @module siuss/psFlow
 * The PS/PSA flow (PS_PSA_SINA201812.xsd): for a period and a set of cartelle, one
 * `Beneficiario` per cartella with its `Anagrafica`, its `Indirizzo` of residence and one
 * `PrestazioniSociali` per prestazione delivered in the period. Values come from the model's
 * `recordSiuss` (the SIUSS names of the cartella's fields); each is checked against its facet
 * before it is written. A prestazione with anything missing, invalid or in conflict is left
 * out and reported; nothing is filled in on the person's behalf.
 */
import { ok } from '../../crypto';
import { recordSiuss, type Cartella, type Prestazione, type VistaAdmin } from '../model';
import type { SiussResult } from './errors';
import { identificazioneFlusso, readCartelle, SIUSS_NAMESPACE, writeAttributes } from './flowParts';
import {
  conflictedFields, FieldProblems, PSEUDO_FIELDS, sortExcluded, type ExcludedPrestazione, type ExportOutcome,
} from './outcome';
import { placePrestazione } from './period';
import { ANAGRAFICA, BENEFICIARIO, INDIRIZZO, PRESTAZIONE, psLabel } from './psSchema';
import { parseSiussRequest, type PeriodoSiuss, type SiussRequestInput } from './request';
import { xmlDocument, type XmlElement } from './xml';

/** Every prestazione is sent as an insertion (`TipoOperazione` I); cancellations are not produced. */
const INSERIMENTO = 'I';

interface BeneficiarioParts {
  readonly element: Omit<XmlElement, 'children'>;
  readonly children: readonly XmlElement[];
}

function beneficiario(v: VistaAdmin, x: Prestazione, conflicts: ReadonlySet<string>, problems: FieldProblems): BeneficiarioParts {
  const r = recordSiuss(v, x);
  for (const m of r.mancanti) problems.add(m, psLabel(m), 'missing');
  const attrs = writeAttributes(BENEFICIARIO, r.beneficiario, conflicts, problems);
  const anagrafica = writeAttributes(ANAGRAFICA, r.beneficiario, conflicts, problems);
  const indirizzo = writeAttributes(INDIRIZZO, r.indirizzo, conflicts, problems);
  return {
    element: { name: 'Beneficiario', attributes: attrs },
    children: [{ name: 'Anagrafica', attributes: anagrafica }, { name: 'Indirizzo', attributes: indirizzo }],
  };
}

function prestazione(v: VistaAdmin, x: Prestazione, conflicts: ReadonlySet<string>, problems: FieldProblems): XmlElement {
  if (conflicts.has(`prestazioni.${x.id}`)) problems.add('Prestazione', PSEUDO_FIELDS.Prestazione, 'conflict');
  // The ISEE attestation feeds only the DSU attributes of a benefit subject to ISEE.
  const relevant = x.presenzaProvaMezzi === '1' ? conflicts : new Set([...conflicts].filter((k) => k !== 'procedimento.isee'));
  const values = { ...recordSiuss(v, x).prestazione, TipoOperazione: INSERIMENTO };
  return { name: 'PrestazioniSociali', attributes: writeAttributes(PRESTAZIONE, values, relevant, problems) };
}

interface CartellaOutcome {
  readonly element?: XmlElement;
  readonly exported: number;
  readonly excluded: readonly ExcludedPrestazione[];
}

function exportCartella(id: string, v: VistaAdmin, periodo: PeriodoSiuss): CartellaOutcome {
  const conflicts = conflictedFields(v);
  const rows: XmlElement[] = [];
  const excluded: ExcludedPrestazione[] = [];
  let parts: BeneficiarioParts | undefined;
  let beneficiarioProblems: FieldProblems | undefined;
  for (const x of v.prestazioni) {
    const place = placePrestazione(x, periodo);
    if (place.kind === 'out') continue;
    if (!beneficiarioProblems) {
      beneficiarioProblems = new FieldProblems();
      parts = beneficiario(v, x, conflicts, beneficiarioProblems);
    }
    const problems = new FieldProblems();
    if (id === '') problems.add('IdCartella', PSEUDO_FIELDS.IdCartella, 'missing');
    if (place.kind === 'undated') problems.add('DataPrestazione', PSEUDO_FIELDS.DataPrestazione, 'missing');
    problems.addAll(beneficiarioProblems.list());
    const row = prestazione(v, x, conflicts, problems);
    if (problems.empty) rows.push(row);
    else excluded.push({ cartellaId: id, prestazioneId: x.id, fields: problems.list() });
  }
  if (rows.length === 0 || !parts) return { exported: 0, excluded };
  return { element: { ...parts.element, children: [...parts.children, ...rows] }, exported: rows.length, excluded };
}

/**
 * Builds the PS/PSA flow of the prestazioni of `cartelle` delivered in the requested period.
 * Refuses (with a code) only an unusable request; incomplete prestazioni are excluded and
 * listed. The XML validates against PS_PSA_SINA201812.xsd (tests/siuss/ checks it with xmllint).
 */
export function exportPrestazioniSociali(cartelle: readonly Cartella[], input: SiussRequestInput): SiussResult<ExportOutcome> {
  const request = parseSiussRequest(input, 'PS');
  if (!request.ok) return request;
  const lette = readCartelle(cartelle);
  if (!lette.ok) return lette;
  const beneficiari: XmlElement[] = [];
  const excluded: ExcludedPrestazione[] = [];
  let exported = 0;
  for (const { id, vista } of lette.value) {
    const o = exportCartella(id, vista, request.value.periodo);
    if (o.element) beneficiari.push(o.element);
    exported += o.exported;
    excluded.push(...o.excluded);
  }
  const xml = beneficiari.length === 0 ? null : xmlDocument({
    name: 'Flusso',
    attributes: [['xmlns', SIUSS_NAMESPACE]],
    children: [identificazioneFlusso(request.value), ...beneficiari],
  });
  return ok({ xml, exported, beneficiaries: beneficiari.length, excluded: sortExcluded(excluded) });
}
