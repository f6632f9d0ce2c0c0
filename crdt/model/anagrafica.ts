/**
 * @module anagrafica
 * The person's personal data (anagrafica), one register per field so that two people
 * correcting different fields offline never conflict, and the same field does visibly.
 * Fields include what a SIUSS Beneficiario needs (codice fiscale, birth year and place,
 * gender, citizenship, residence codes).
 */
import { sezioneAdmin, type Cartella, type Contesto } from './cartella';
import { autorizza, controllaConflitto } from './guardie';
import { esegui } from './operazione';
import { cambia, scriviCampo } from './registro';
import { errore, ok, type Errore, type Risultato } from './risultato';
import { CAMPI_ANAGRAFICA, type Anagrafica } from './schema-admin';
import { isRecord } from './valida';
import { leggiAdmin, type RegistriAdmin } from './vista-admin';

/** A field of the anagrafica. */
export type CampoAnagrafica = keyof typeof CAMPI_ANAGRAFICA;
/** A change of the anagrafica: new values, or `null` to clear a field. */
export type ModificaAnagrafica = { readonly [K in CampoAnagrafica]?: string | null };

/**
 * Validates a change of the anagrafica; gives the normalised values (e.g. the codice
 * fiscale in upper case) of the fields that actually change.
 */
export function validaAnagrafica(
  modifica: unknown, registri: RegistriAdmin,
): Risultato<ReadonlyArray<readonly [CampoAnagrafica, unknown]>> {
  if (!isRecord(modifica)) return errore('input_non_valido', 'Dati anagrafici non validi.');
  const out: [CampoAnagrafica, unknown][] = [];
  for (const k of Object.keys(modifica)) {
    if (!Object.prototype.hasOwnProperty.call(CAMPI_ANAGRAFICA, k)) {
      return errore('valore_non_valido', `Campo anagrafico sconosciuto: «${k}».`);
    }
    const campo = k as CampoAnagrafica;
    const raw = modifica[k];
    if (raw === undefined) continue;
    const val = raw === null || raw === '' ? null : CAMPI_ANAGRAFICA[campo](raw);
    if (val === undefined) {
      return campo === 'codiceFiscale'
        ? errore('codice_fiscale_non_valido', 'Il codice fiscale non è valido (forma o carattere di controllo).')
        : errore(campo === 'dataNascita' ? 'data_non_valida' : 'valore_non_valido', `Il valore del campo «${campo}» non è valido.`);
    }
    if (!cambia(registri.anagrafica.get(campo), val)) continue;
    const cf: Errore | undefined = controllaConflitto(registri, 'anagrafica', campo);
    if (cf) return cf;
    out.push([campo, val]);
  }
  return ok(out);
}

/** Changes fields of the anagrafica; gives the names of the fields written. */
export function aggiornaAnagrafica(
  c: Cartella, modifica: ModificaAnagrafica, ctx: Contesto,
): Risultato<readonly CampoAnagrafica[]> {
  const { vista, registri } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx);
  if (e) return e;
  const v = validaAnagrafica(modifica, registri);
  if (!v.ok) return v;
  if (v.value.length === 0) return ok([]);
  return esegui(c.admin, 'aggiornaAnagrafica', ctx, () => {
    scriviAnagrafica(c, registri, v.value, ctx);
    return v.value.map(([k]) => k);
  });
}

/** Writes validated anagrafica fields inside the caller's transaction. */
export function scriviAnagrafica(
  c: Cartella, registri: RegistriAdmin, campi: ReadonlyArray<readonly [CampoAnagrafica, unknown]>, ctx: Contesto,
): void {
  const m = sezioneAdmin(c.admin, 'anagrafica');
  for (const [k, val] of campi) scriviCampo(m, registri.anagrafica.get(k), k, val, ctx);
}

/** The anagrafica as plain data. */
export function leggiAnagrafica(c: Cartella): Anagrafica {
  return leggiAdmin(c.admin).vista.anagrafica;
}
