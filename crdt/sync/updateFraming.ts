/**
 * @module crdt/sync/updateFraming
 * The plaintext of an update envelope: one format byte, then either a whole Yjs update or
 * one part of an update too large for one envelope (a long paste), so that no change is ever
 * stuck behind the relay's frame limit. Parts of one update are consecutive clocks of one
 * author; receivers reassemble them in order and check the whole against its BLAKE2b-256.
 *
 *   whole: 0x00 | Yjs update (v1)
 *   part:  0x01 | u32 index | u32 count | 32 BLAKE2b-256 of the whole | bytes
 */
import { blake2b, bytesEqual, concatBytes, readU32, writeU32, type Result } from '../../crypto';

/** Largest part (bytes of the update) per envelope: with padding, the envelope stays well under 1 MiB. */
export const MAX_UPDATE_PART_BYTES = 512 * 1024;
const PART_HEADER = 1 + 4 + 4 + 32;

export type FramedUpdate =
  | { readonly kind: 'whole'; readonly update: Uint8Array }
  | { readonly kind: 'part'; readonly index: number; readonly count: number; readonly hash: Uint8Array; readonly bytes: Uint8Array };

/** The plaintexts (one per envelope) that carry `update`. */
export function frameUpdate(update: Uint8Array, maxPart = MAX_UPDATE_PART_BYTES): Uint8Array[] {
  if (update.byteLength <= maxPart) return [concatBytes(new Uint8Array([0]), update)];
  const count = Math.ceil(update.byteLength / maxPart);
  const hash = blake2b(32, update);
  const parts: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    const chunk = update.subarray(index * maxPart, Math.min(update.byteLength, (index + 1) * maxPart));
    const out = new Uint8Array(PART_HEADER + chunk.byteLength);
    out[0] = 1;
    writeU32(out, 1, index);
    writeU32(out, 5, count);
    out.set(hash, 9);
    out.set(chunk, PART_HEADER);
    parts.push(out);
  }
  return parts;
}

/** Parses one update plaintext (it was authenticated, but a key holder may still send nonsense). */
export function parseFramedUpdate(plaintext: Uint8Array): Result<FramedUpdate, 'update_malformed'> {
  const bad = (message: string): Result<FramedUpdate, 'update_malformed'> => ({ ok: false, code: 'update_malformed', message });
  if (plaintext.byteLength < 1) return bad('empty update plaintext');
  if (plaintext[0] === 0) return { ok: true, value: { kind: 'whole', update: plaintext.subarray(1) } };
  if (plaintext[0] !== 1) return bad(`unknown update format ${plaintext[0]}`);
  if (plaintext.byteLength <= PART_HEADER) return bad('update part too short');
  const index = readU32(plaintext, 1);
  const count = readU32(plaintext, 5);
  if (count < 2 || index >= count) return bad('update part numbering is inconsistent');
  return { ok: true, value: { kind: 'part', index, count, hash: plaintext.subarray(9, 41), bytes: plaintext.subarray(PART_HEADER) } };
}

/** Reassembles parts per author; parts must come in order (they are consecutive clocks). */
export class PartAssembler {
  private readonly pending = new Map<string, { count: number; hash: Uint8Array; parts: Uint8Array[] }>();

  /** True while some author's update is incomplete (a snapshot now would lose it). */
  get incomplete(): boolean {
    return this.pending.size > 0;
  }

  /** Adds a part; returns the whole update when this was its last part, or an error. */
  add(author: string, part: Extract<FramedUpdate, { kind: 'part' }>): Result<Uint8Array | undefined, 'update_parts'> {
    const current = this.pending.get(author);
    if (part.index === 0) {
      this.pending.set(author, { count: part.count, hash: part.hash.slice(), parts: [part.bytes.slice()] });
    } else if (!current || current.parts.length !== part.index || current.count !== part.count || !bytesEqual(current.hash, part.hash)) {
      this.pending.delete(author);
      return { ok: false, code: 'update_parts', message: `part ${part.index + 1}/${part.count} out of sequence` };
    } else {
      current.parts.push(part.bytes.slice());
    }
    const entry = this.pending.get(author);
    if (!entry || entry.parts.length < entry.count) return { ok: true, value: undefined };
    this.pending.delete(author);
    const whole = concatBytes(...entry.parts);
    if (!bytesEqual(blake2b(32, whole), entry.hash)) return { ok: false, code: 'update_parts', message: 'reassembled update does not match its hash' };
    return { ok: true, value: whole };
  }
}
