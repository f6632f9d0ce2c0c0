/**
 * @module conflitti
 * Offline conflicts of the admin part (DOMAIN.md: never let the last upload win
 * silently). A conflict is not a stored record: it is what the field's registers show when
 * two live writes disagree (registro.ts), so every replica sees the same conflicts
 * whatever the order updates arrived in. Resolving writes the chosen value as a new write
 * that replaces every competing one — itself an ordinary update that syncs.
 */
import type * as Y from 'yjs';
import { SEZIONI_ADMIN, sezioneAdmin, type Cartella, type Contesto, type SezioneAdmin } from './cartella';
import { autorizza } from './guardie';
import type { ScritturaId } from './ids';
import { esegui } from './operazione';
import { scriviCampo } from './registro';
import { errore, type Risultato } from './risultato';
import { leggiAdmin, valoreAccettabile, type Conflitto } from './vista-admin';
import { RUOLI_DECISIONALI } from './vocabolario';

/** Input of {@link risolviConflitto}: keep one of the competing writes, or a new value. */
export type RisoluzioneInput =
  | { readonly sezione: SezioneAdmin; readonly campo: string; readonly scelta: ScritturaId }
  | { readonly sezione: SezioneAdmin; readonly campo: string; readonly valore: unknown };

/** Sections whose conflicts only a social worker or the responsabile may resolve. */
const SEZIONI_DECISIONALI: readonly SezioneAdmin[] = ['meta', 'chiusura', 'members'];

/** The open conflicts of a cartella's admin document. */
export function conflitti(admin: Y.Doc): readonly Conflitto[] {
  return leggiAdmin(admin).vista.conflitti;
}

/**
 * Resolves a conflict. Allowed on a closed cartella too (a conflict may concern the
 * closure itself). If two people resolve the same conflict differently while apart, the
 * two resolutions are a new conflict; if they choose the same value, there is none.
 */
export function risolviConflitto(c: Cartella, input: RisoluzioneInput, ctx: Contesto): Risultato<ScritturaId> {
  const { vista, registri } = leggiAdmin(c.admin);
  const sezione = SEZIONI_ADMIN.find((s) => s === input.sezione);
  const decisionale = sezione !== undefined && SEZIONI_DECISIONALI.includes(sezione);
  const e = autorizza(c, vista, ctx, { ammessaChiusa: true, ...(decisionale ? { ruoli: RUOLI_DECISIONALI } : {}) });
  if (e) return e;
  const stato = sezione ? registri[sezione].get(input.campo) : undefined;
  if (!sezione || !stato?.inConflitto) return errore('conflitto_assente', 'Su questo campo non ci sono modifiche in conflitto.');
  let valore: unknown;
  if ('scelta' in input) {
    const w = stato.teste.find((x) => x.id === input.scelta);
    if (!w) return errore('scelta_non_valida', 'Il valore scelto non è tra quelli in conflitto.');
    valore = w.valore;
  } else {
    if (!valoreAccettabile(sezione, input.campo, input.valore)) {
      return errore('valore_non_valido', 'Il nuovo valore non è valido per questo campo.');
    }
    valore = input.valore;
  }
  return esegui(c.admin, 'risolviConflitto', ctx, () =>
    scriviCampo(sezioneAdmin(c.admin, sezione), stato, input.campo, valore, ctx, true));
}
