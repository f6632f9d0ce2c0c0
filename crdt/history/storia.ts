/**
 * @module crdt/history/storia
 * "Storia": the signed history of a cartella as people read it — who changed which section
 * when — and the verified author of an item. Derived from the per-envelope reports of
 * replay.ts: consecutive envelopes signed by the same key form one entry; a snapshot and
 * refused envelopes are entries of their own. "When" is the relay's order (seq) plus the
 * instants the content claims (the author's own clock; see docs/HISTORY.md for the limits).
 */
import type { AuthorKey } from '../model';
import { congela } from '../model/valida';
import type { RoomLog } from '../sync/ports';
import { replayRoom } from './replay';
import type { Creation, EnvelopeReport, Firmatario, Position, RoomEnvelope, RoomHistory, RoomHistoryInput, RosterEntry } from './types';

/** One entry of the Storia: a run of envelopes by one signer, a snapshot, or refused envelopes. */
export interface VoceStoria {
  readonly tipo: 'modifiche' | 'snapshot' | 'rifiutate';
  /** Who signed (modifiche, snapshot). */
  readonly firmatario?: Firmatario;
  /** Refused envelopes whose signature did verify: the key that signed them. */
  readonly firmatoDa?: AuthorKey;
  /** Root types changed, in the order first changed (see ETICHETTE_SEZIONE). */
  readonly sezioni: readonly string[];
  /** Number of envelopes in the entry. */
  readonly buste: number;
  readonly dal: Position;
  readonly al: Position;
  /** Earliest and latest instant claimed by the content created (author's clock, unverified). */
  readonly dichiaratoDal?: string;
  readonly dichiaratoAl?: string;
  /** Ids of the items created (diary entries, relazioni, register writes ...). */
  readonly creati: readonly string[];
  /** Of those, the ones whose claimed author is not the signer. */
  readonly contestati: readonly string[];
  /** Non-fatal findings (`envelope_clock_gap`). */
  readonly avvisi: readonly string[];
  /** Refused envelopes: the refusal code. */
  readonly codice?: string;
}

/** Italian names of the sections (root types) for display; unknown roots show their own name. */
export const ETICHETTE_SEZIONE: Readonly<Record<string, string>> = {
  meta: 'Dati della cartella', anagrafica: 'Anagrafica', nucleo: 'Nucleo familiare',
  segretariato: 'Segretariato sociale', procedimento: 'Procedimento', documenti: 'Documenti',
  prestazioni: 'Prestazioni', chiusura: 'Chiusura', members: 'Équipe e consegne', diario: 'Diario',
  relazioni: 'Relazioni sociali', verbali: "Verbali d'équipe", valutazione: 'Valutazione',
  progetto: 'Progetto', obiettivi: 'Obiettivi del progetto', verifiche: 'Verifiche del progetto',
  agenda: 'Appuntamenti', allegati: 'Allegati', sinba: 'Scheda SINBA',
};

function groupKey(r: EnvelopeReport): string | undefined {
  if (r.status === 'refused') return `r\u0000${r.code}\u0000${r.signedBy ?? ''}`;
  if (r.kind === 'snapshot') return undefined;
  return `m\u0000${r.firmatario.chiave}`;
}

/** The Storia of one room, in relay order. */
export function storia(h: RoomHistory): readonly VoceStoria[] {
  type Cantiere = { -readonly [K in keyof VoceStoria]: VoceStoria[K] } & { sezioni: string[]; creati: string[]; contestati: string[]; avvisi: string[] };
  const out: Cantiere[] = [];
  let last: string | undefined;
  for (const r of h.envelopes) {
    const key = groupKey(r);
    let v = key !== undefined && key === last ? out[out.length - 1] : undefined;
    if (!v) {
      v = r.status === 'refused'
        ? { tipo: 'rifiutate', codice: r.code, ...(r.signedBy ? { firmatoDa: r.signedBy } : {}), sezioni: [], buste: 0, dal: r.at, al: r.at, creati: [], contestati: [], avvisi: [] }
        : { tipo: r.kind === 'snapshot' ? 'snapshot' : 'modifiche', firmatario: r.firmatario, sezioni: [], buste: 0, dal: r.at, al: r.at, creati: [], contestati: [], avvisi: [] };
      out.push(v);
    }
    last = key;
    v.buste++;
    v.al = r.at;
    if (r.status !== 'applied') continue;
    for (const s of r.sections) if (!v.sezioni.includes(s)) v.sezioni.push(s);
    for (const w of r.warnings) if (!v.avvisi.includes(w)) v.avvisi.push(w);
    if (r.kind === 'snapshot') continue;
    for (const c of r.created) {
      v.creati.push(c.id);
      if (c.matches === false) v.contestati.push(c.id);
    }
    if (r.claimedFrom && (!v.dichiaratoDal || r.claimedFrom < v.dichiaratoDal)) v.dichiaratoDal = r.claimedFrom;
    if (r.claimedTo && (!v.dichiaratoAl || r.claimedTo > v.dichiaratoAl)) v.dichiaratoAl = r.claimedTo;
  }
  return congela(out);
}

/** Who really created an item (a diary entry, a relazione, a register write ...). */
export type AutoreVerificato =
  | {
    /** Created by a verified update envelope. */
    readonly stato: 'firmato';
    readonly firmatario: Firmatario;
    /** The `autore` the item's content names. */
    readonly dichiarato?: AuthorKey;
    /** The claimed author is the signer. Authorship is proven when this holds and `firmatario.stato` is `membro`. */
    readonly corrisponde: boolean;
    readonly at: Position;
  }
  | {
    /** First seen inside a snapshot: its signer summarised it, the author is not known. */
    readonly stato: 'in_snapshot';
    readonly snapshotDi: Firmatario;
    readonly dichiarato?: AuthorKey;
    readonly at: Position;
  }
  /** Not created by any envelope of this history. */
  | { readonly stato: 'sconosciuto' };

/** The signer of the envelope that created item `id`, compared with the author the item claims. */
export function autoreVerificato(h: RoomHistory, id: string): AutoreVerificato {
  const c: Creation | undefined = h.creations.get(id);
  if (!c) return { stato: 'sconosciuto' };
  const dichiarato = c.claimedAuthor ? { dichiarato: c.claimedAuthor } : {};
  if (c.inSnapshot) return { stato: 'in_snapshot', snapshotDi: c.firmatario, at: c.at, ...dichiarato };
  return { stato: 'firmato', firmatario: c.firmatario, corrisponde: c.matches === true, at: c.at, ...dichiarato };
}

/** Every created item whose claimed author is not the signer of the envelope that created it. */
export function attribuzioniContestate(h: RoomHistory): readonly Creation[] {
  return [...h.creations.values()].filter((c) => c.matches === false).sort((a, b) => a.at.index - b.at.index);
}

/** The inputs of one room for {@link storiaCartella}. */
export type StanzaInput = Omit<RoomHistoryInput, 'part' | 'roster' | 'contested'>;

/**
 * The signed history of both rooms of a cartella. The admin room goes first: the roster
 * admissions it contests are not attributed in the prof room either. The two rooms have no
 * common order (separate seqs), so they stay two timelines.
 */
export function storiaCartella(input: {
  readonly roster: readonly RosterEntry[];
  readonly admin: StanzaInput;
  readonly prof?: StanzaInput;
}): { readonly admin: RoomHistory; readonly prof?: RoomHistory } {
  const admin = replayRoom({ ...input.admin, part: 'admin', roster: input.roster });
  if (!input.prof) return { admin };
  const contested = new Set([...(admin.admissions ?? [])].flatMap(([k, a]) => (a === 'contestata' ? [k] : [])));
  return { admin, prof: replayRoom({ ...input.prof, part: 'prof', roster: input.roster, contested }) };
}

/**
 * What a device holds of a room (crdt/sync's `RoomLog`: the latest snapshot, the
 * acknowledged updates after it in seq order, then its own unacknowledged ones) as history input.
 */
export function envelopesFromRoomLog(log: RoomLog): readonly RoomEnvelope[] {
  const out: RoomEnvelope[] = log.snapshot ? [{ bytes: log.snapshot.bytes }] : [];
  for (const e of log.entries) out.push(e.seq === null ? { bytes: e.bytes } : { seq: e.seq, bytes: e.bytes });
  return out;
}
