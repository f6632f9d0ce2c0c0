/**
 * @module server/commitPush
 * The second half of a `push`, run inside the room's queue: the store's transaction (with the
 * pushing socket's key epoch, so a socket cut off by a rotation stores nothing), then `ack`,
 * then the per-envelope refusals, then the fan-out of new updates and the `snapshotted` news.
 * Nothing is acknowledged before the store's commit resolved.
 */
import { encodeFrame } from '../crdt/wire';
import type { AckEntry, ErrorCodeName, SeqEnvelope } from '../crdt/wire';
import type { EnvelopeRefusal } from './envelopeChecks';
import type { Joined } from './membership';
import type { RelayContext } from './relayContext';
import type { HubMember } from './roomHub';
import type { AppendCandidate, AppendResult, SnapshotCandidate } from './store/RelayStore';

/** The pushing session, as the commit needs it. */
export interface Pusher {
  readonly id: number;
  readonly member: HubMember;
  refuse(room: Uint8Array, code: ErrorCodeName, message: string, envelopeId?: Uint8Array): void;
}

/**
 * Commits `candidates` for `joined`'s room and answers. The key epoch is read from `joined` now,
 * not when the frame arrived: a rotation this socket won in between counts, and one that cut it
 * off makes the whole push `key_rotated`.
 */
export async function commitPush(
  ctx: RelayContext,
  pusher: Pusher,
  joined: Joined,
  candidates: readonly AppendCandidate[],
  refusals: EnvelopeRefusal[],
): Promise<void> {
  const { hub } = joined;
  const { store, limits } = ctx;
  const { member } = pusher;
  await hub.load(store);
  let result: AppendResult = { outcomes: [], head: hub.deliveredHead, snapshot: null, epoch: hub.epoch };
  if (candidates.length > 0) {
    const started = performance.now();
    try {
      result = await store.append(hub.room, candidates, joined.epoch);
    } catch (error) {
      ctx.log('error', 'commit_failed', { socket: pusher.id, room: hub.tag, error: error instanceof Error ? error.message : String(error) });
      pusher.refuse(hub.room, 'internal', 'the relay could not store this push; nothing was stored, push again later');
      return;
    }
    // Another process may have rotated the room: its old-key sockets here are cut before any fan-out.
    await hub.observeEpoch(store, result.epoch);
    const outdated = result.outcomes.find((o) => o.status === 'refused' && o.code === 'key_rotated');
    if (outdated?.status === 'refused') {
      pusher.refuse(hub.room, 'key_rotated', `${outdated.message}; nothing of this push was stored`);
      return;
    }
    ctx.log('debug', 'push_committed', {
      socket: pusher.id,
      room: hub.tag,
      envelopes: candidates.length,
      head: result.head,
      ms: Math.round((performance.now() - started) * 100) / 100,
    });
  }
  const acks: AckEntry[] = [];
  const fresh: SeqEnvelope[] = [];
  const snapshots: SnapshotCandidate[] = [];
  let conflict = false;
  result.outcomes.forEach((outcome, i) => {
    const candidate = candidates[i] as AppendCandidate;
    if (outcome.status === 'refused') {
      refusals.push({ id: outcome.id, code: outcome.code, message: outcome.message });
      if (outcome.code === 'snapshot_conflict') conflict = true;
      return;
    }
    acks.push({ id: outcome.id, seq: outcome.seq });
    if (outcome.status !== 'stored') return;
    if (candidate.kind === 'update') fresh.push({ seq: outcome.seq, envelope: candidate.bytes });
    else snapshots.push(candidate);
  });
  if (acks.length > 0) member.sendFrame(encodeFrame({ type: 'ack', room: hub.room, items: acks }));
  for (const refusal of refusals) pusher.refuse(hub.room, refusal.code, refusal.message, refusal.id);
  if (conflict) {
    const current = await store.readSnapshot(hub.room);
    if (current !== null) {
      member.sendFrame(encodeFrame({ type: 'snapshot', room: hub.room, covers: current.pointer.covers, envelope: current.bytes }));
    }
  }
  await hub.fanOut(store, fresh, limits, member);
  for (const s of snapshots) {
    hub.broadcast(encodeFrame({ type: 'snapshotted', room: hub.room, snapshotId: s.snapshotId, covers: s.covers }), member);
  }
}
