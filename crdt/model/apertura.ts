/**
 * @module apertura
 * Opening the cartella: the presa in carico (deck, "L'apertura della cartella sociale").
 * It needs the iniziativa — d'ufficio, istanza (with its protocol number and date of
 * receipt) or richiesta da altro ente (with the requesting body) — the ISTAT user area and
 * the responsible social worker. It also starts the procedimento (L. 241/1990 art. 2: the
 * term runs from the istanza's receipt, or from the start when d'ufficio).
 */
import { sezioneAdmin, type Cartella, type Contesto } from './cartella';
import { checklist } from './checklist';
import { comeData, giorno, type DataIso } from './date';
import { autorizza } from './guardie';
import { comeAuthorKey } from './ids';
import { esegui } from './operazione';
import { scriviCampo } from './registro';
import { errore, type Risultato } from './risultato';
import { statoCartella } from './stato';
import { stringa, unoDi } from './valida';
import { leggiCartella } from './vista';
import { leggiAdmin } from './vista-admin';
import { AREE, INIZIATIVE, RUOLI_DECISIONALI, type AreaUtenza, type Iniziativa } from './vocabolario';

/** The procedure term when the ente sets none (L. 241/1990 art. 2 c. 2). */
export const TERMINE_PREDEFINITO_GIORNI = 30;

/** Input of {@link apriCartella}. */
export interface ApriCartellaInput {
  readonly iniziativa: Iniziativa;
  /** Date of the presa in carico. */
  readonly data: string;
  readonly area: AreaUtenza;
  /** Public key of the responsible social worker (a roster member). */
  readonly responsabile: string;
  /** Istanza: protocol number. */
  readonly protocollo?: string;
  /** Istanza: date of receipt (required); richiesta: date of receipt (optional). */
  readonly dataRicezione?: string;
  /** Richiesta: the requesting public body. */
  readonly ente?: string;
  /** The ente's term for this procedure in days (1–180); 30 when omitted. */
  readonly termineGiorni?: number;
}

/** Opens the cartella (presa in carico); when it follows a segretariato, records that outcome too. */
export function apriCartella(c: Cartella, input: ApriCartellaInput, ctx: Contesto): Risultato<null> {
  const { vista, registri } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx, { ruoli: RUOLI_DECISIONALI });
  if (e) return e;
  const stato = statoCartella(vista);
  if (stato === 'segretariato_concluso') return errore('segretariato_concluso', 'Il segretariato si è concluso senza presa in carico: per un nuovo percorso serve un nuovo accesso.');
  if (stato !== 'nuova' && stato !== 'accesso') return errore('cartella_gia_aperta', 'La cartella è già aperta.');
  if (input.iniziativa === undefined) return errore('iniziativa_mancante', "Indica l'iniziativa: d'ufficio, istanza del cittadino o richiesta di altro ente.");
  const iniziativa = unoDi(INIZIATIVE, input.iniziativa);
  if (!iniziativa) return errore('valore_non_valido', 'Iniziativa non valida.');
  const oggi = giorno(ctx.now);
  const data = comeData(input.data);
  if (!data) return errore('data_non_valida', 'La data della presa in carico non è valida.');
  if (data > oggi) return errore('data_futura', 'La data della presa in carico è nel futuro.');
  const protocollo = stringa(input.protocollo, 1, 32);
  const ricezioneRaw = input.dataRicezione;
  const dataRicezione = comeData(ricezioneRaw);
  if (ricezioneRaw !== undefined && !dataRicezione) return errore('data_non_valida', 'La data di ricezione non è valida.');
  const ente = stringa(input.ente, 1, 200);
  if (iniziativa === 'istanza' && (!protocollo || !dataRicezione)) {
    return errore('protocollo_mancante', "Un'istanza richiede il numero di protocollo e la data di ricezione.");
  }
  if (iniziativa === 'richiesta' && !ente) return errore('ente_richiedente_mancante', "Indica l'ente pubblico che ha fatto la richiesta.");
  if (dataRicezione && dataRicezione > data) return errore('date_incoerenti', 'La ricezione non può seguire la presa in carico.');
  if (input.area === undefined) return errore('area_mancante', "Indica l'area di utenza.");
  const area = unoDi(AREE, input.area);
  if (!area) return errore('valore_non_valido', 'Area di utenza non valida.');
  const resp = comeAuthorKey(input.responsabile);
  const membro = resp ? vista.membri.find((m) => m.chiave === resp && !m.revocatoIl) : undefined;
  if (!resp || !membro || !RUOLI_DECISIONALI.includes(membro.ruolo)) {
    return errore('responsabile_non_valido', "Il responsabile dev'essere un assistente sociale della cartella.");
  }
  const termine = input.termineGiorni ?? TERMINE_PREDEFINITO_GIORNI;
  if (!Number.isInteger(termine) || termine < 1 || termine > 180) {
    return errore('termine_non_valido', 'Il termine del procedimento deve essere tra 1 e 180 giorni.');
  }
  if (stato === 'accesso') {
    const cl = checklist(leggiCartella({ admin: c.admin, prof: null }), 'accesso');
    if (!cl.completa) {
      return errore('checklist_incompleta', `Mancano documenti della fase di accesso: ${cl.mancanti.map((m) => m.descrizione).join('; ')}.`);
    }
    const acc = vista.segretariato.accesso;
    if (acc && data < acc.data) return errore('date_incoerenti', "La presa in carico non può precedere l'accesso.");
  }
  const dataAvvio: DataIso = iniziativa === 'ufficio' ? data : (dataRicezione ?? data);
  const conf = ['area', 'responsabile', 'fase', 'apertura'].find((k) => registri.meta.get(k)?.inConflitto);
  if (conf) return errore('campo_in_conflitto', `Il campo «${conf}» ha modifiche in conflitto: risolvi prima il conflitto.`);
  return esegui(c.admin, 'apriCartella', ctx, () => {
    const meta = sezioneAdmin(c.admin, 'meta');
    const proc = sezioneAdmin(c.admin, 'procedimento');
    scriviCampo(meta, registri.meta.get('area'), 'area', area, ctx);
    scriviCampo(meta, registri.meta.get('responsabile'), 'responsabile', resp, ctx);
    scriviCampo(meta, registri.meta.get('apertura'), 'apertura', { data }, ctx);
    scriviCampo(meta, registri.meta.get('fase'), 'fase', { fase: 'apertura', dal: data }, ctx);
    const ini: Record<string, unknown> = { tipo: iniziativa, dataAvvio };
    if (iniziativa !== 'ufficio' && protocollo) ini['protocollo'] = protocollo;
    if (iniziativa !== 'ufficio' && dataRicezione) ini['dataRicezione'] = dataRicezione;
    if (iniziativa === 'richiesta' && ente) ini['ente'] = ente;
    scriviCampo(proc, registri.procedimento.get('iniziativa'), 'iniziativa', ini, ctx);
    scriviCampo(proc, registri.procedimento.get('termineGiorni'), 'termineGiorni', termine, ctx);
    if (stato === 'accesso') {
      scriviCampo(sezioneAdmin(c.admin, 'segretariato'), registri.segretariato.get('esito'), 'esito', { esito: 'presa_in_carico', data }, ctx);
    }
    return null;
  });
}
