/**
 * @module guardie
 * Who may do what, checked before any write: the author must be on the roster (and not
 * revoked), hold a role the operation allows, and the cartella must not be closed unless
 * the operation is one that a closed cartella admits (reopening, resolving conflicts).
 */
import type { Cartella, Contesto, SezioneAdmin } from './cartella';
import { giorno } from './date';
import { ETICHETTE_RUOLO } from './etichette';
import { controllaContesto } from './operazione';
import { errore, type Errore } from './risultato';
import { statoCartella } from './stato';
import type { Ruolo } from './vocabolario';
import type { Membro, RegistriAdmin, VistaAdmin } from './vista-admin';

/** What an operation requires of its author and of the cartella. */
export interface Requisiti {
  /** Roles allowed; all roster roles when omitted. */
  readonly ruoli?: readonly Ruolo[];
  /** The operation writes the prof document, so the device must hold it. */
  readonly prof?: boolean;
  /** The operation is allowed on a closed cartella. */
  readonly ammessaChiusa?: boolean;
}

/** The active roster member with this key at `now`, if any. */
export function membroAttivo(v: VistaAdmin, ctx: Contesto): Membro | undefined {
  const m = v.membri.find((x) => x.chiave === ctx.autore);
  if (!m) return undefined;
  return m.revocatoIl !== undefined && m.revocatoIl <= giorno(ctx.now) ? undefined : m;
}

/** Checks context, roster, role, prof availability and closure; gives the first failure. */
export function autorizza(c: Cartella, v: VistaAdmin, ctx: Contesto, req: Requisiti = {}): Errore | undefined {
  const e = controllaContesto(ctx);
  if (e) return e;
  if (!v.meta.id) return errore('cartella_non_inizializzata', 'La cartella non è stata ancora creata.');
  const m = membroAttivo(v, ctx);
  if (!m) return errore('autore_non_membro', "Chi scrive non fa parte dell'équipe di questa cartella.");
  if (req.ruoli && !req.ruoli.includes(m.ruolo)) {
    return errore('ruolo_non_autorizzato', `Operazione non consentita al ruolo «${ETICHETTE_RUOLO[m.ruolo]}».`);
  }
  if (req.prof && !c.prof) {
    return errore('parte_professionale_assente', 'La parte professionale della cartella non è disponibile su questo dispositivo.');
  }
  if (!req.ammessaChiusa && statoCartella(v) === 'chiusa') {
    return errore('cartella_chiusa', 'La cartella è chiusa: è consultabile ma non modificabile finché non viene riaperta.');
  }
  return undefined;
}

/** Refuses to write a field that is in conflict: the conflict must be resolved first. */
export function controllaConflitto(
  registri: RegistriAdmin, sezione: SezioneAdmin, campo: string, nome = campo,
): Errore | undefined {
  return registri[sezione].get(campo)?.inConflitto
    ? errore('campo_in_conflitto', `Il campo «${nome}» ha modifiche in conflitto: risolvi prima il conflitto.`)
    : undefined;
}
