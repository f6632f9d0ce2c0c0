/**
 * @module isee
 * The ISEE attestation of the cartella: its value and date, the DSU's filing date and
 * protocol (as SIUSS asks), never the DSU itself (deck: "solo attestazione, no DSU"). A DSU
 * is valid until 31 December of the year it was filed (DOMAIN.md); benefits relying on an
 * expired one raise an avviso.
 */
import { sezioneAdmin, type Cartella, type Contesto } from './cartella';
import { giorno, type DataIso } from './date';
import { autorizza, controllaConflitto } from './guardie';
import { esegui } from './operazione';
import { scriviCampo } from './registro';
import { errore, type Risultato } from './risultato';
import { validaInput } from './schema';
import { CAMPI_PROCEDIMENTO, type Procedimento } from './schema-admin';
import { leggiAdmin } from './vista-admin';
import { p } from './schema';

/** Input of {@link registraIsee}. */
export interface RegistraIseeInput {
  readonly valore: number;
  readonly dataAttestazione: string;
  /** When the DSU was filed (its year sets the validity). */
  readonly dataDsu: string;
  /** The DSU's protocol number (SIUSS NumeroProtocolloDSU). */
  readonly protocolloDsu?: string;
}

/** The last day a DSU filed on `dataDsu` is valid: 31 December of that year. */
export function scadenzaDsu(dataDsu: DataIso): DataIso {
  return `${dataDsu.slice(0, 4)}-12-31` as DataIso;
}

/** True when the attestation is present and its DSU still valid on `oggi`. */
export function iseeValido(isee: Procedimento['isee'], oggi: DataIso): boolean {
  return isee !== undefined && oggi <= scadenzaDsu(isee.dataDsu);
}

/** Records (or replaces) the ISEE attestation. */
export function registraIsee(c: Cartella, input: RegistraIseeInput, ctx: Contesto): Risultato<null> {
  const { vista, registri } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx);
  if (e) return e;
  const v = validaInput(
    { valore: p.numero(0, 10_000_000), dataAttestazione: p.data, dataDsu: p.data },
    { protocolloDsu: p.testo(1, 30) }, input,
    { valore: 'valore ISEE', dataAttestazione: 'data attestazione', dataDsu: 'data DSU', protocolloDsu: 'protocollo DSU' },
  );
  if (!v.ok) return v;
  const valore = CAMPI_PROCEDIMENTO.isee(v.value);
  if (!valore) return errore('valore_non_valido', 'Attestazione ISEE non valida.');
  if (valore.dataAttestazione > giorno(ctx.now)) return errore('data_futura', "La data dell'attestazione è nel futuro.");
  if (valore.dataDsu > valore.dataAttestazione) return errore('date_incoerenti', "La DSU non può seguire l'attestazione.");
  const cf = controllaConflitto(registri, 'procedimento', 'isee', 'ISEE');
  if (cf) return cf;
  return esegui(c.admin, 'registraIsee', ctx, () => {
    scriviCampo(sezioneAdmin(c.admin, 'procedimento'), registri.procedimento.get('isee'), 'isee', valore, ctx);
    return null;
  });
}
