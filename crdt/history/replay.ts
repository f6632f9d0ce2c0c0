/**
 * @module crdt/history/replay
 * The signed history of one room: a pure function of its envelopes (in relay order), the
 * part keys and the roster. Every envelope is verified exactly as the engine does it
 * (crypto/openEnvelope: shape, version, signature, room, epoch, commitment, decryption;
 * then the per-author clock and the update framing of crdt/sync/updateFraming), and only a
 * verified update is replayed on a scratch Y.Doc, which says what it changed and created.
 * Refused envelopes are reported and skipped, never applied. A snapshot is reported as a
 * snapshot by its signer: what it contains is not attributed to it.
 */
import { checkClock, openEnvelope, parseEnvelope, toBase64Url, toHex, envelopeId } from '../../crypto';
import { comeAuthorKey, type AuthorKey } from '../model';
import { ClockBook } from '../sync/clockBook';
import { parseFramedUpdate, PartAssembler } from '../sync/updateFraming';
import { admissions } from './admissions';
import { ScratchDoc, type CreatedItem, type Effects, type UpdateRange } from './scratchDoc';
import type {
  Creation, EnvelopeReport, Firmatario, Position, RoomHistory, RoomHistoryInput, RosterEntry,
} from './types';

/** Refusal codes that come after a verified signature: the key in the header did sign. */
const SIGNED_BUT_REFUSED = new Set(['envelope_room', 'envelope_epoch', 'envelope_commitment', 'envelope_decrypt']);

type Refused = Extract<EnvelopeReport, { status: 'refused' }>;
interface Verified {
  readonly status: 'applied' | 'partial';
  readonly at: Position;
  readonly id: string;
  readonly kind: 'update' | 'snapshot';
  readonly signer: AuthorKey;
  readonly epoch: number;
  readonly clock: number;
  readonly sections?: readonly string[];
  readonly warnings: readonly string[];
}
/** An applied envelope as the carrier of the Yjs structs in its update's range. */
interface Carrier { readonly at: Position; readonly signer: AuthorKey; readonly inSnapshot: boolean }
interface RawCreation { readonly item: CreatedItem; readonly carrier: Carrier }

const authorKey = (bytes: Uint8Array): AuthorKey => comeAuthorKey(toBase64Url(bytes)) as AuthorKey;

/**
 * Which applied envelope carried a Yjs struct: the update whose range holds its id, else the
 * first snapshot that holds it. An item integrated late (its update waited for an earlier
 * one) is so credited to the envelope that brought it, not to the one that released it.
 */
class Carriers {
  private readonly updates = new Map<number, Array<{ readonly from: number; readonly to: number; readonly carrier: Carrier }>>();
  private readonly snapshots: Array<{ readonly range: UpdateRange; readonly carrier: Carrier }> = [];

  add(range: UpdateRange, carrier: Carrier): void {
    if (carrier.inSnapshot) { this.snapshots.push({ range, carrier }); return; }
    for (const [client, to] of range.to) {
      const list = this.updates.get(client) ?? [];
      list.push({ from: range.from.get(client) ?? 0, to, carrier });
      this.updates.set(client, list);
    }
  }

  find(client: number, clock: number): Carrier | undefined {
    const list = this.updates.get(client) ?? [];
    // A device's clocks grow along the log: binary search, with a scan if they did not.
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = list[mid];
      if (!r) break;
      if (clock < r.from) hi = mid - 1;
      else if (clock >= r.to) lo = mid + 1;
      else return r.carrier;
    }
    const scanned = list.find((r) => clock >= r.from && clock < r.to);
    if (scanned) return scanned.carrier;
    return this.snapshots.find((s) => clock < (s.range.to.get(client) ?? 0))?.carrier;
  }
}

/** Reads and applies a room's envelopes in order; see the module comment. */
export function replayRoom(input: RoomHistoryInput): RoomHistory {
  const scratch = new ScratchDoc(input.part);
  const clocks = new ClockBook();
  const parts = new PartAssembler();
  const carriers = new Carriers();
  const raw: Array<Verified | Refused> = [];
  const created = new Map<string, RawCreation>();

  const refuse = (at: Position, bytes: Uint8Array, code: string, message: string, signedBy?: AuthorKey): Refused =>
    ({ status: 'refused', at, id: toHex(envelopeId(bytes)), code, message, ...(signedBy ? { signedBy } : {}) });
  /** Applies a verified update (or snapshot state); false when Yjs refused it. */
  const apply = (update: Uint8Array, carrier: Carrier): Effects | undefined => {
    const effects = scratch.apply(update);
    if (!effects) return undefined;
    carriers.add(effects.range, carrier);
    for (const o of effects.created) {
      if (!created.has(o.item.id)) created.set(o.item.id, { item: o.item, carrier: carriers.find(o.client, o.clock) ?? carrier });
    }
    return effects;
  };
  const notes = (e: Effects): string[] => [...(e.waiting ? ['update_waiting'] : []), ...(e.released ? ['update_releases_waiting'] : [])];

  input.envelopes.forEach((envelope, index) => {
    const at: Position = envelope.seq === undefined ? { index } : { index, seq: envelope.seq };
    const bytes = envelope.bytes;
    const opened = openEnvelope(bytes, { roomId: input.roomId, subkeysForEpoch: input.subkeysForEpoch });
    if (!opened.ok) {
      const parsed = SIGNED_BUT_REFUSED.has(opened.code) ? parseEnvelope(bytes) : undefined;
      raw.push(refuse(at, bytes, opened.code, opened.message, parsed?.ok ? authorKey(parsed.value.header.author) : undefined));
      return;
    }
    const { header, plaintext } = opened.value;
    const signer = authorKey(header.author);
    const base = { at, id: toHex(opened.value.id), signer, epoch: header.epoch, clock: header.clock };
    if (header.kind === 'ephemeral') { raw.push(refuse(at, bytes, 'envelope_kind', 'awareness envelopes are not part of a room log', signer)); return; }

    if (header.kind === 'snapshot') {
      for (const c of header.snapshot?.coveredClocks ?? []) clocks.note(header.epoch, c.author, c.clock);
      const effects = apply(plaintext, { at, signer, inSnapshot: true });
      if (!effects) { raw.push(refuse(at, bytes, 'update_malformed', 'the snapshot is not a Yjs update', signer)); return; }
      raw.push({ ...base, status: 'applied', kind: 'snapshot', sections: effects.sections, warnings: notes(effects) });
      return;
    }

    const clock = checkClock('update', clocks.last(header.epoch, header.author), header.clock);
    if (!clock.ok && clock.code === 'envelope_clock_replay') { raw.push(refuse(at, bytes, clock.code, clock.message, signer)); return; }
    clocks.note(header.epoch, header.author, header.clock);
    const warnings: string[] = clock.ok ? [] : [clock.code];
    const framed = parseFramedUpdate(plaintext);
    if (!framed.ok) { raw.push(refuse(at, bytes, framed.code, framed.message, signer)); return; }
    let update = framed.value.kind === 'whole' ? framed.value.update : undefined;
    if (framed.value.kind === 'part') {
      const assembled = parts.add(`${header.epoch}:${toHex(header.author)}`, framed.value);
      if (!assembled.ok) { raw.push(refuse(at, bytes, assembled.code, assembled.message, signer)); return; }
      if (!assembled.value) { raw.push({ ...base, status: 'partial', kind: 'update', warnings }); return; }
      update = assembled.value;
    }
    const effects = update ? apply(update, { at, signer, inSnapshot: false }) : undefined;
    if (!effects) { raw.push(refuse(at, bytes, 'update_malformed', 'the plaintext is not a Yjs update', signer)); return; }
    raw.push({ ...base, status: 'applied', kind: 'update', sections: effects.sections, warnings: [...warnings, ...notes(effects)] });
  });

  const admitted = input.part === 'admin' ? admissions(scratch.doc, created) : undefined;
  const contested = new Set(input.contested ?? []);
  for (const [key, status] of admitted ?? []) if (status === 'contestata') contested.add(key);
  const signerOf = attribution(input.roster, contested);

  const creations = new Map<string, Creation>();
  const byEnvelope = new Map<number, Creation[]>();
  for (const [id, { item, carrier }] of created) {
    const matches = carrier.inSnapshot || !item.claimedAuthor ? undefined : item.claimedAuthor === carrier.signer;
    const c: Creation = { ...item, at: carrier.at, firmatario: signerOf(carrier.signer), inSnapshot: carrier.inSnapshot, ...(matches === undefined ? {} : { matches }) };
    creations.set(id, c);
    if (!carrier.inSnapshot) byEnvelope.set(carrier.at.index, [...(byEnvelope.get(carrier.at.index) ?? []), c]);
  }
  const envelopes = raw.map((r): EnvelopeReport => {
    if (r.status === 'refused') return r;
    const common = { at: r.at, id: r.id, firmatario: signerOf(r.signer), epoch: r.epoch, clock: r.clock };
    if (r.status === 'partial') return { ...common, status: 'partial', kind: 'update' };
    const made = byEnvelope.get(r.at.index) ?? [];
    // Sections of its transaction, and of the items it carried that were integrated later.
    const sections = [...new Set([...(r.sections ?? []), ...made.map((c) => c.section)])];
    const instants = made.flatMap((c) => (c.claimedAt ? [c.claimedAt] : [])).sort();
    return {
      ...common, status: 'applied', kind: r.kind, sections, created: made, warnings: r.warnings,
      ...(instants.length ? { claimedFrom: instants[0] as string, claimedTo: instants[instants.length - 1] as string } : {}),
    };
  });
  return { part: input.part, envelopes, creations, ...(admitted ? { admissions: admitted } : {}) };
}

/** Maps a signing key to its roster member, or to unverified (off the roster, or contested). */
function attribution(roster: readonly RosterEntry[], contested: ReadonlySet<AuthorKey>): (key: AuthorKey) => Firmatario {
  const byKey = new Map(roster.map((m) => [m.chiave, m]));
  return (chiave) => {
    const m = byKey.get(chiave);
    if (!m) return { stato: 'non_verificato', chiave, motivo: 'fuori_registro' };
    if (contested.has(chiave)) return { stato: 'non_verificato', chiave, motivo: 'ammissione_contestata' };
    return { stato: 'membro', chiave, nome: m.nome, ruolo: m.ruolo };
  };
}
