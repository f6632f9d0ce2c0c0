/**
 * @module fasi
 * The phases of the help process (deck's table: accesso → apertura → valutazione →
 * progetto → erogazione → valutazione finale e conclusione) and how a cartella moves
 * between them. Moving forward requires the current phase's checklist to be complete;
 * a consultancy-only path may go from valutazione straight to the conclusion; going back
 * (rivalutazione, a new progetto) is always allowed among the working phases.
 */
import { sezioneAdmin, type Cartella, type Contesto } from './cartella';
import { checklist } from './checklist';
import { comeData, giorno } from './date';
import { ETICHETTE_FASE } from './etichette';
import { autorizza, controllaConflitto } from './guardie';
import { esegui } from './operazione';
import { scriviCampo } from './registro';
import { errore, type Risultato } from './risultato';
import { leggiCartella } from './vista';
import { leggiAdmin } from './vista-admin';
import { FASI, RUOLI_DECISIONALI, type Fase } from './vocabolario';

/** How a move between two phases counts: forward (checked), back, or not allowed. */
export function transizione(da: Fase, a: Fase): 'avanti' | 'indietro' | undefined {
  const i = FASI.indexOf(da);
  const j = FASI.indexOf(a);
  if (a === 'accesso' || a === 'apertura' || i === j) return undefined;
  if (j === i + 1) return 'avanti';
  if (a === 'conclusione' && i >= FASI.indexOf('valutazione')) return 'avanti';
  if (j < i && i >= FASI.indexOf('valutazione')) return 'indietro';
  return undefined;
}

/** Input of {@link cambiaFase}. */
export interface CambiaFaseInput {
  readonly fase: Fase;
  /** Since when the new phase runs. */
  readonly data: string;
}

/** Moves an open cartella to another phase. */
export function cambiaFase(c: Cartella, input: CambiaFaseInput, ctx: Contesto): Risultato<null> {
  const { vista, registri } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx, { ruoli: RUOLI_DECISIONALI, prof: true });
  if (e) return e;
  const attuale = vista.meta.fase;
  if (!vista.meta.apertura || !attuale) return errore('cartella_non_aperta', 'Le fasi iniziano con la presa in carico.');
  const cf = controllaConflitto(registri, 'meta', 'fase', 'fase');
  if (cf) return cf;
  const nuova = FASI.find((f) => f === input.fase);
  if (!nuova) return errore('valore_non_valido', 'Fase non valida.');
  const t = transizione(attuale.fase, nuova);
  if (!t) {
    return errore('transizione_fase_non_valida', `Non si passa da «${ETICHETTE_FASE[attuale.fase]}» a «${ETICHETTE_FASE[nuova]}».`);
  }
  const data = comeData(input.data);
  if (!data) return errore('data_non_valida', 'La data della nuova fase non è valida.');
  if (data > giorno(ctx.now)) return errore('data_futura', 'La data della nuova fase è nel futuro.');
  if (data < attuale.dal) return errore('date_incoerenti', 'La nuova fase non può iniziare prima della fase in corso.');
  if (t === 'avanti') {
    const cl = checklist(leggiCartella(c), attuale.fase);
    if (!cl.completa) {
      return errore('checklist_incompleta',
        `Per chiudere la fase «${ETICHETTE_FASE[attuale.fase]}» mancano: ${cl.mancanti.map((m) => m.descrizione).join('; ')}.`);
    }
  }
  return esegui(c.admin, 'cambiaFase', ctx, () => {
    scriviCampo(sezioneAdmin(c.admin, 'meta'), registri.meta.get('fase'), 'fase', { fase: nuova, dal: data }, ctx);
    return null;
  });
}
