/**
 * @module server/envelopeChecks
 * The relay's key-free checks of one envelope, in the order of docs/ENVELOPE.md: size, shape,
 * version, kind, signature, room. What needs the room's state (epoch, uniqueness, clocks,
 * snapshot compare-and-swap) is the store's job, inside its transaction.
 */
import { maxEnvelopeBytes } from '../crdt/wire';
import type { ErrorCodeName } from '../crdt/wire';
import { envelopeId, parseEnvelope } from '../crypto/envelopeFormat';
import type { ParsedEnvelope } from '../crypto/envelopeFormat';
import { verifyEnvelopeSignature } from '../crypto/verifyEnvelopeSignature';
import type { AppendCandidate } from './store/RelayStore';

/** Why the relay refused an envelope before it reached the store. */
export interface EnvelopeRefusal {
  readonly id: Uint8Array;
  readonly code: ErrorCodeName;
  readonly message: string;
}

type Checked = { ok: true; id: Uint8Array; parsed: ParsedEnvelope } | ({ ok: false } & EnvelopeRefusal);

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Shape, version, kind, signature and room of one envelope. The id is computed first so that
 * every refusal names the envelope the client has in its outbox.
 */
export function checkEnvelope(
  bytes: Uint8Array,
  room: Uint8Array,
  allowedKinds: ReadonlySet<string>,
  maxFrameBytes: number,
): Checked {
  const id = envelopeId(bytes);
  const limit = maxEnvelopeBytes(maxFrameBytes);
  if (bytes.length > limit) {
    return { ok: false, id, code: 'envelope_malformed', message: `envelope of ${bytes.length} bytes exceeds ${limit}` };
  }
  const parsed = parseEnvelope(bytes);
  if (!parsed.ok) {
    const code: ErrorCodeName =
      parsed.code === 'envelope_version' || parsed.code === 'envelope_kind' ? parsed.code : 'envelope_malformed';
    return { ok: false, id, code, message: parsed.message };
  }
  const { header } = parsed.value;
  if (!allowedKinds.has(header.kind)) {
    return { ok: false, id, code: 'envelope_kind', message: `a ${header.kind} envelope is not accepted here` };
  }
  if (!verifyEnvelopeSignature(parsed.value)) {
    return { ok: false, id, code: 'envelope_signature', message: 'signature does not match the author' };
  }
  if (!sameBytes(header.roomId, room)) {
    return { ok: false, id, code: 'envelope_room', message: 'envelope was signed for another room' };
  }
  return { ok: true, id, parsed: parsed.value };
}

const STORABLE = new Set(['update', 'snapshot']);
const EPHEMERAL = new Set(['ephemeral']);

/** Splits the envelopes of a push into store candidates and refusals, keeping their order. */
export function checkPush(
  envelopes: readonly Uint8Array[],
  room: Uint8Array,
  maxFrameBytes: number,
): { candidates: AppendCandidate[]; refusals: EnvelopeRefusal[] } {
  const candidates: AppendCandidate[] = [];
  const refusals: EnvelopeRefusal[] = [];
  for (const bytes of envelopes) {
    const checked = checkEnvelope(bytes, room, STORABLE, maxFrameBytes);
    if (!checked.ok) {
      refusals.push(checked);
      continue;
    }
    const { header } = checked.parsed;
    const base = { id: checked.id, epoch: header.epoch, author: header.author, bytes };
    if (header.kind === 'snapshot' && header.snapshot !== undefined) {
      const s = header.snapshot;
      candidates.push({ kind: 'snapshot', ...base, snapshotId: s.id, parentId: s.parent, covers: s.covers });
    } else {
      candidates.push({ kind: 'update', ...base, clock: header.clock });
    }
  }
  return { candidates, refusals };
}

/** Checks an ephemeral envelope (awareness): never stored, so no state is involved. */
export function checkEphemeral(bytes: Uint8Array, room: Uint8Array, maxFrameBytes: number): EnvelopeRefusal | null {
  const checked = checkEnvelope(bytes, room, EPHEMERAL, maxFrameBytes);
  return checked.ok ? null : checked;
}
