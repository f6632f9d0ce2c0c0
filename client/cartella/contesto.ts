/**
 * @module client/cartella/contesto
 * What every section of an open cartella shares: the cartella, its reactive view (read
 * through the model with `createDocView`), its avvisi, who is working and with which role,
 * and `esegui` — the one way sections write: a model operation with this worker's
 * `Contesto`. Sections stay thin: they show the view and call operations. Attachments: their
 * records (`vistaAllegati`) and the device's attachment service (`allegati`, from the session).
 */
import { createContext, createMemo, useContext, type Accessor } from 'solid-js';
import type { Awareness } from 'y-protocols/awareness';
import {
  avvisi, leggiAllegati, leggiCartella, RUOLI_DECISIONALI, RUOLI_EQUIPE,
  type Avviso, type Cartella, type Contesto, type Membro, type Risultato, type VistaAllegati, type VistaCartella,
} from '../../crdt/model';
import type { CartellaAperta } from '../../crdt/workspace';
import type { AllegatiWorkspace } from '../../crdt/workspace/allegati';
import type { Sezione } from '../app/router';
import { useAllegati, useSession } from '../app/session';
import { coloreDi } from '../editor/colori';
import type { UtenteEditor } from '../editor/EditorTesto';
import { createDocView } from '../lib/createDocView';
import { t } from '../strings';

export interface ContestoCartella {
  readonly aperta: CartellaAperta;
  readonly vista: Accessor<VistaCartella>;
  readonly avvisi: Accessor<readonly Avviso[]>;
  /** The attachment records of both parts (prof: null without the prof key). */
  readonly vistaAllegati: Accessor<VistaAllegati>;
  /** The device's attachments (attach, open, uploads); undefined when they could not be opened here. */
  readonly allegati: AllegatiWorkspace | undefined;
  /** Closed: read-only everywhere until reopened. */
  readonly chiusa: Accessor<boolean>;
  /** This worker's roster entry (undefined if not, or no longer, a member). */
  readonly io: Accessor<Membro | undefined>;
  /** May take professional decisions (open, change phase, close, reopen). */
  readonly decisionale: Accessor<boolean>;
  /** May write the professional part (and this device holds it). */
  readonly equipe: Accessor<boolean>;
  /** Name of a roster member by key. */
  nomeDi(chiave: string): string;
  ctx(): Contesto;
  now(): Date;
  /** Runs a model operation on this cartella as this worker. */
  esegui<T>(op: (c: Cartella, ctx: Contesto) => Risultato<T>): Risultato<T>;
  readonly utente: UtenteEditor;
  /** Carets and presence; only inside CartellaView. */
  readonly awareness?: Awareness;
  vai(sezione: Sezione, elemento?: string): void;
}

export const ContestoCartellaCtx = createContext<ContestoCartella>();

export function useCartella(): ContestoCartella {
  const c = useContext(ContestoCartellaCtx);
  if (!c) throw new Error('useCartella() outside a cartella');
  return c;
}

/** Builds the shared state of one open cartella (call inside a component). */
export function creaContestoCartella(aperta: CartellaAperta, awareness?: Awareness): ContestoCartella {
  const session = useSession();
  const { admin, prof } = aperta.cartella;
  const vista = createDocView([admin, prof], () => leggiCartella(aperta.cartella));
  const lista = createMemo(() => avvisi(vista(), session.now()));
  const vistaAllegati = createDocView([admin, prof], () => leggiAllegati(aperta.cartella));
  const io = createMemo(() => vista().admin.membri.find((m) => m.chiave === session.autore && !m.revocatoIl));
  const ctx = (): Contesto => ({ autore: session.autore, now: session.now() });
  return {
    aperta,
    vista,
    avvisi: lista,
    vistaAllegati,
    allegati: useAllegati(),
    chiusa: () => vista().stato === 'chiusa',
    io,
    decisionale: () => { const m = io(); return !!m && RUOLI_DECISIONALI.includes(m.ruolo); },
    equipe: () => { const m = io(); return !!m && !!prof && RUOLI_EQUIPE.includes(m.ruolo); },
    nomeDi: (chiave) => vista().admin.membri.find((m) => m.chiave === chiave)?.nome ?? t.cartella.comune.sconosciuto,
    ctx,
    now: () => session.now(),
    esegui: (op) => op(aperta.cartella, ctx()),
    utente: { name: session.profile.nome, color: coloreDi(session.autore) },
    ...(awareness ? { awareness } : {}),
    vai: (sezione, elemento) => session.navigate({ name: 'cartella', id: aperta.id, sezione, ...(elemento ? { elemento } : {}) }),
  };
}
