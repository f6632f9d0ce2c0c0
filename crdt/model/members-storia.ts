/**
 * @module members-storia
 * Reading the roster: active members by role, hand-overs still waiting for the receiver's
 * acceptance, and the whole log of the roster (foundation, additions, hand-overs,
 * acceptances, new device keys, revocations) for display. The log is derived from the
 * member registers — every write is kept (registro.ts) — so nothing is stored twice and
 * every replica derives the same log. Each event names the write that recorded it, so the
 * signed history (crdt/history) can say who really signed it.
 */
import type * as Y from 'yjs';
import { giorno, type DataIso } from './date';
import type { AuthorKey, ScritturaId } from './ids';
import type { LivelloChiavi } from './members-chiavi';
import type { Scrittura } from './registro';
import { leggiMembro, type ConsegnaDati, type MembroDati } from './schema-elementi';
import { congela, jsonStabile } from './valida';
import { leggiAdmin, type Membro, type VistaAdmin } from './vista-admin';
import type { Ruolo } from './vocabolario';

/** The active members at `now` (on the roster, not revoked by then), optionally of some roles. */
export function membriAttivi(v: VistaAdmin, now: Date, ruoli?: readonly Ruolo[]): readonly Membro[] {
  const oggi = giorno(now);
  return v.membri.filter((m) => (m.revocatoIl === undefined || m.revocatoIl > oggi) && (!ruoli || ruoli.includes(m.ruolo)));
}

/** A hand-over given and not yet accepted by its receiver. */
export type ConsegnaInAttesa = ConsegnaDati & { readonly membro: AuthorKey; readonly nome: string; readonly ruolo: Ruolo };

/** Hand-overs to active members that their receivers have not accepted yet, oldest first. */
export function consegneInAttesa(v: VistaAdmin, now: Date): readonly ConsegnaInAttesa[] {
  return congela(membriAttivi(v, now)
    .flatMap((m) => (m.consegna && !m.accettazione ? [{ ...m.consegna, membro: m.chiave, nome: m.nome, ruolo: m.ruolo }] : []))
    .sort((a, b) => (a.data < b.data ? -1 : a.data > b.data ? 1 : a.membro < b.membro ? -1 : 1)));
}

/** Kinds of event of the roster's log. */
export type TipoEventoRoster = 'fondazione' | 'aggiunta' | 'consegna' | 'accettazione' | 'chiave_box' | 'revoca';

/** One event of the roster's log. */
export interface EventoRoster {
  readonly tipo: TipoEventoRoster;
  /** The member concerned (the receiver of a hand-over, the revoked member ...). */
  readonly membro: AuthorKey;
  readonly nome: string;
  readonly ruolo: Ruolo;
  /** Who did it as recorded: the giver, the revoker, the member themselves for an acceptance. */
  readonly da: AuthorKey;
  /** The day the event names. */
  readonly data: DataIso;
  /** Hand-over only: keys given, consent to share, and the reason (required without consent). */
  readonly chiavi?: LivelloChiavi;
  readonly consenso?: boolean;
  /** Reason of a hand-over without consent, or of a revocation. */
  readonly motivo?: string;
  /** The register write recording the event: its claimed author and instant. */
  readonly scrittura: ScritturaId;
  readonly autore: AuthorKey;
  readonly il: string;
}

const uguale = (a: unknown, b: unknown): boolean => jsonStabile(a) === jsonStabile(b);

/** The events one write introduces, compared with the writes it replaces. */
function eventi(membro: AuthorKey, w: Scrittura, m: MembroDati, prima: readonly MembroDati[]): EventoRoster[] {
  const base = { membro, nome: m.nome, ruolo: m.ruolo, scrittura: w.id, autore: w.autore, il: w.il };
  const out: EventoRoster[] = [];
  const nuovo = (f: (x: MembroDati) => unknown): boolean => f(m) !== undefined && !prima.some((x) => uguale(f(x), f(m)));
  const attivoPrima = prima.some((x) => x.revocatoIl === undefined);
  if (m.consegna && nuovo((x) => x.consegna)) {
    const c = m.consegna;
    out.push({ ...base, tipo: 'consegna', da: c.da, data: c.data, chiavi: c.chiavi, consenso: c.consenso, ...(c.motivo ? { motivo: c.motivo } : {}) });
  } else if (m.revocatoIl === undefined && !attivoPrima && !m.consegna) {
    const fondatore = prima.length === 0 && w.autore === membro;
    out.push({ ...base, tipo: fondatore ? 'fondazione' : 'aggiunta', da: w.autore, data: m.aggiuntoIl });
  }
  if (m.accettazione && nuovo((x) => x.accettazione)) out.push({ ...base, tipo: 'accettazione', da: membro, data: m.accettazione.data });
  else if (m.chiaveBox && nuovo((x) => x.chiaveBox) && out.length === 0) out.push({ ...base, tipo: 'chiave_box', da: w.autore, data: giorno(new Date(w.il)) });
  if (m.revocatoIl !== undefined && nuovo((x) => x.revocatoIl)) {
    out.push({ ...base, tipo: 'revoca', da: m.revoca?.da ?? w.autore, data: m.revocatoIl, ...(m.revoca?.motivo ? { motivo: m.revoca.motivo } : {}) });
  }
  return out;
}

/**
 * The roster's whole log, oldest first (by the instant each write claims, then write id):
 * the same on every replica. Concurrent writes each give their events; a conflict between
 * them is shown by `VistaAdmin.conflitti`, and resolving it adds no event.
 */
export function storiaConsegne(admin: Y.Doc): readonly EventoRoster[] {
  const out: EventoRoster[] = [];
  for (const [chiave, stato] of leggiAdmin(admin).registri.members) {
    // Every value first: a replacing write may claim an earlier instant than what it replaces.
    const valori = new Map<string, MembroDati>();
    for (const w of stato.storia) {
      const m = leggiMembro(w.valore);
      if (m) valori.set(w.id, m);
    }
    for (const w of stato.storia) {
      const m = valori.get(w.id);
      if (!m) continue;
      const prima = w.sostituisce.flatMap((id) => valori.get(id) ?? []);
      out.push(...eventi(chiave as AuthorKey, w, m, prima));
    }
  }
  const k = (e: EventoRoster): string => `${e.il}\u0000${e.scrittura}\u0000${e.tipo}`;
  return congela(out.sort((a, b) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0)));
}
