/**
 * @module sinba
 * The scheda SINBA: what the SIUSS SINBA flow (minors and their families) needs about a
 * minor beyond the anagrafica — condition, living place, school, parents, first report and
 * assessment, the courts' involvement, foster care, residential placement, closure, household.
 *
 * Where it lives: the admin part (Y.Map `sinba`, one register per field). The flow is
 * prepared and sent by whoever holds the admin key — administrative staff included — and a
 * flow cannot be checked, completed or sent by someone who cannot read its values. The values
 * are SINBA's codes, exactly what leaves for INPS; narrative assessments and the court's
 * documents stay in the prof part (diary, relazioni, valutazione).
 * Who writes: only the équipe. Assessments and the court's measures are professional
 * judgements, which administrative staff never take (R22); they read the scheda to send it.
 * When: for a person under 18 — or who turned 18 less than a year ago, so the closure of the
 * presa in carico ("raggiunta la maggiore età") and the last flows can still be completed.
 */
import type { Cartella, Contesto } from './cartella';
import { aggiungiMesi, giorno, type DataIso } from './date';
import { autorizza } from './guardie';
import type { ScritturaId } from './ids';
import { esegui } from './operazione';
import { cambia, scriviCampo, type StatoCampo } from './registro';
import { errore, ok, type Errore, type Risultato } from './risultato';
import type { Anagrafica } from './schema-admin';
import { CAMPI_SINBA, DEF_SINBA, eCampoSinba, type CampoSinba, type MeseIso } from './schema-sinba';
import { leggiRegistriSinba, mappaSinba } from './sinba-vista';
import type { Problema } from './problemi';
import { isRecord } from './valida';
import { leggiAdmin, type VistaAdmin } from './vista-admin';
import { RUOLI_EQUIPE } from './vocabolario';

/** Months after the 18th birthday during which the scheda may still be completed. */
export const MESI_SINBA_DOPO_18 = 12;

/**
 * True when the cartella's person needs a scheda SINBA on `oggi`: a recorded date of birth,
 * under 18, or 18 for less than {@link MESI_SINBA_DOPO_18} months.
 */
export function schedaSinbaPrevista(a: Anagrafica, oggi: DataIso): boolean {
  const n = a.dataNascita;
  return n !== undefined && n <= oggi && oggi < aggiungiMesi(n, 12 * 18 + MESI_SINBA_DOPO_18);
}

/** A change of the scheda: new values by field, or `null` to clear a field. */
export type ModificaSchedaSinba = { readonly [K in CampoSinba]?: string | number | readonly string[] | null };

function controllaPersona(v: VistaAdmin, ctx: Contesto): Errore | undefined {
  if (!v.anagrafica.dataNascita) {
    return errore('campo_obbligatorio', "Per la scheda SINBA serve la data di nascita: registrala prima nell'anagrafica.");
  }
  return schedaSinbaPrevista(v.anagrafica, giorno(ctx.now))
    ? undefined
    : errore('non_minorenne', 'La scheda SINBA riguarda solo i minorenni (e, per chiuderla, il primo anno dopo i 18).');
}

function valida(
  modifica: unknown, registri: ReadonlyMap<string, StatoCampo>, oggi: DataIso,
): Risultato<ReadonlyArray<readonly [CampoSinba, unknown]>> {
  if (!isRecord(modifica)) return errore('input_non_valido', 'Dati della scheda SINBA non validi.');
  const out: [CampoSinba, unknown][] = [];
  for (const k of Object.keys(modifica)) {
    if (!eCampoSinba(k)) return errore('valore_non_valido', `Campo della scheda SINBA sconosciuto: «${k}».`);
    const raw = modifica[k];
    if (raw === undefined) continue;
    const def = DEF_SINBA[k];
    const vuoto = raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0);
    const val = vuoto ? null : CAMPI_SINBA[k](raw);
    if (val === undefined) {
      return errore(def.tipo === 'mese' ? 'data_non_valida' : 'valore_non_valido', `Il valore del campo «${def.etichetta}» non è valido.`);
    }
    if (def.tipo === 'mese' && val !== null && (val as MeseIso) > oggi.slice(0, 7)) {
      return errore('data_futura', `Il mese del campo «${def.etichetta}» è nel futuro.`);
    }
    const stato = registri.get(k);
    if (!cambia(stato, val)) continue;
    if (stato?.inConflitto) {
      return errore('campo_in_conflitto', `Il campo «${def.etichetta}» ha modifiche in conflitto: risolvi prima il conflitto.`);
    }
    out.push([k, val]);
  }
  return ok(out);
}

/**
 * Changes fields of the scheda SINBA (équipe only, open cartella, a minor); gives the fields
 * written. Atomic: a refusal writes nothing.
 */
export function aggiornaSchedaSinba(c: Cartella, modifica: ModificaSchedaSinba, ctx: Contesto): Risultato<readonly CampoSinba[]> {
  const { vista } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx, { ruoli: RUOLI_EQUIPE }) ?? controllaPersona(vista, ctx);
  if (e) return e;
  const problemi: Problema[] = [];
  const registri = leggiRegistriSinba(c.admin, problemi);
  const v = valida(modifica, registri, giorno(ctx.now));
  if (!v.ok) return v;
  if (v.value.length === 0) return ok([]);
  return esegui(c.admin, 'aggiornaSchedaSinba', ctx, () => {
    for (const [k, val] of v.value) scriviCampo(mappaSinba(c.admin), registri.get(k), k, val, ctx);
    return v.value.map(([k]) => k);
  });
}

/** Input of {@link risolviConflittoSinba}: keep one of the competing values. */
export interface RisoluzioneSinbaInput {
  readonly campo: CampoSinba;
  readonly scelta: ScritturaId;
}

/** Resolves a field of the scheda written concurrently (équipe; also on a closed cartella). */
export function risolviConflittoSinba(c: Cartella, input: RisoluzioneSinbaInput, ctx: Contesto): Risultato<ScritturaId> {
  const { vista } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx, { ruoli: RUOLI_EQUIPE, ammessaChiusa: true });
  if (e) return e;
  const problemi: Problema[] = [];
  const registri = leggiRegistriSinba(c.admin, problemi);
  const stato = isRecord(input) && eCampoSinba(input.campo) ? registri.get(input.campo) : undefined;
  if (!stato?.inConflitto) return errore('conflitto_assente', 'Su questo campo della scheda SINBA non ci sono modifiche in conflitto.');
  const w = stato.teste.find((x) => x.id === input.scelta);
  if (!w) return errore('scelta_non_valida', 'Il valore scelto non è tra quelli in conflitto.');
  return esegui(c.admin, 'risolviConflittoSinba', ctx, () => scriviCampo(mappaSinba(c.admin), stato, input.campo, w.valore, ctx, true));
}
