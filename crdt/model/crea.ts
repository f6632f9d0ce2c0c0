/**
 * @module crea
 * Creating a cartella: its two empty documents and the first facts of the admin one —
 * the id, the creation date and the founder on the roster. Everything after this goes
 * through operations that check the roster.
 */
import * as Y from 'yjs';
import { sezioneAdmin, type Cartella, type Contesto } from './cartella';
import { giorno } from './date';
import { comeCartellaId, type CartellaId } from './ids';
import { controllaContesto, esegui } from './operazione';
import { scriviCampo } from './registro';
import { errore, type Risultato } from './risultato';
import { validaInput, p } from './schema';
import { leggiAdmin } from './vista-admin';
import { RUOLI, type Ruolo } from './vocabolario';

/** Input of {@link creaCartella}. */
export interface CreaCartellaInput {
  /** A random id chosen by the caller (e.g. from the room id); 8–64 base64url characters. */
  readonly id: string;
  /** The founder's display name. */
  readonly nome: string;
  /** The founder's role. */
  readonly ruolo: Ruolo;
}

/**
 * Creates a cartella: new documents (or the given empty ones), with the id, the creation
 * day and `ctx.autore` as first roster member. One transaction on the admin document.
 */
export function creaCartella(
  input: CreaCartellaInput, ctx: Contesto, docs?: { readonly admin: Y.Doc; readonly prof: Y.Doc | null },
): Risultato<Cartella> {
  const e = controllaContesto(ctx);
  if (e) return e;
  const id: CartellaId | undefined = comeCartellaId((input as Partial<CreaCartellaInput> | undefined)?.id);
  if (!id) return errore('id_non_valido', "L'identificativo della cartella non è valido (8–64 caratteri alfanumerici, - o _).");
  const v = validaInput({ nome: p.testo(1, 100), ruolo: p.uno(RUOLI) }, {}, input);
  if (!v.ok) return v;
  const cartella: Cartella = docs ?? {
    admin: new Y.Doc({ guid: `${id}.admin` }),
    prof: new Y.Doc({ guid: `${id}.prof` }),
  };
  const { vista, registri } = leggiAdmin(cartella.admin);
  if (vista.meta.id || registri.members.size > 0) {
    return errore('cartella_gia_esistente', 'Questa cartella esiste già.');
  }
  const r = esegui(cartella.admin, 'creaCartella', ctx, () => {
    const meta = sezioneAdmin(cartella.admin, 'meta');
    scriviCampo(meta, undefined, 'id', id, ctx);
    scriviCampo(meta, undefined, 'creataIl', giorno(ctx.now), ctx);
    scriviCampo(sezioneAdmin(cartella.admin, 'members'), undefined, ctx.autore,
      { nome: v.value.nome, ruolo: v.value.ruolo, aggiuntoIl: giorno(ctx.now) }, ctx);
    return cartella;
  });
  return r;
}
