/**
 * @module client/cartelle/registraAccessoNuovo
 * A new access is three model operations on a cartella that does not exist yet: create it
 * (`Workspace.nuovaCartella`), record the access (`registraAccesso`) and, when given, the
 * informativa privacy (`registraDocumento`). They are first rehearsed on scratch documents
 * with the same input and context, so that a refusal is known before any key or cartella
 * is made ("nothing half-saved"). The model could offer this as one operation (see the
 * report in docs): then this file goes away.
 */
import * as Y from 'yjs';
import {
  creaCartella, giorno, registraAccesso, registraDocumento,
  type Cartella, type Contesto, type RegistraAccessoInput, type Risultato,
} from '../../crdt/model';
import type { CartellaAperta } from '../../crdt/workspace';
import type { Session } from '../app/session';

export interface NuovoAccessoInput {
  readonly accesso: RegistraAccessoInput;
  readonly informativa: boolean;
}

function scrivi(c: Cartella, input: NuovoAccessoInput, ctx: Contesto): Risultato<null> {
  const r = registraAccesso(c, input.accesso, ctx);
  if (!r.ok || !input.informativa) return r;
  const d = registraDocumento(c, { tipo: 'informativa_privacy', stato: 'acquisito', data: giorno(ctx.now) }, ctx);
  return d.ok ? { ok: true, value: null } : d;
}

export async function registraAccessoNuovo(session: Session, input: NuovoAccessoInput): Promise<Risultato<CartellaAperta>> {
  const now = session.now();
  const ctx = { autore: session.autore, now };
  const fondatore = { nome: session.profile.nome, ruolo: session.profile.ruolo };
  const prova = creaCartella({ id: 'prova-nuovo-accesso', ...fondatore }, ctx, { admin: new Y.Doc(), prof: null });
  if (!prova.ok) return prova;
  const provata = scrivi(prova.value, input, ctx);
  if (!provata.ok) return provata;
  const nuova = await session.workspace.nuovaCartella(fondatore, now);
  if (!nuova.ok) return nuova;
  const r = scrivi(nuova.value.cartella, input, ctx);
  return r.ok ? { ok: true, value: nuova.value } : r;
}
