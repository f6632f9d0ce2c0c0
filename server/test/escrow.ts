/**
 * @module server/test/escrow
 * Test support for the recovery escrow (docs/PROTOCOL.md §4.11) on top of the `ws` test client:
 * the ente's mailbox, a deposit that waits for `escrowed`, and the responsabile's side of a
 * listing (challenge, proof, the answer until `escrowEnd`, or every page until complete).
 * Test-only: it imports the recovery key's private half, which the relay never sees.
 */
import { PROTOCOL_VERSION, ZERO_ID } from '../../crdt/wire';
import type { EscrowItem, Frame } from '../../crdt/wire';
import { escrowMailbox, proveEscrowMailbox } from '../../crypto';
import type { RecoveryKeyPair } from '../../crypto';
import { describeFrame } from './harness';
import type { FrameOf, TestClient, TestRoom } from './harness';

/** The ente's mailbox for a recovery key pair. */
export function mailboxOf(recovery: RecoveryKeyPair): Uint8Array {
  return escrowMailbox(recovery.publicKey);
}

/** Deposits `blob` for `room` under `mailbox` and waits for `escrowed`. */
export async function deposit(client: TestClient, room: TestRoom, mailbox: Uint8Array, blob: Uint8Array): Promise<FrameOf<'escrowed'>> {
  client.send({ type: 'escrow', room: room.roomId, mailbox, blob });
  return client.expect('escrowed');
}

/** `escrowHello` for the recovery key's mailbox; the proof for the challenge that comes back. */
export async function escrowChallenge(client: TestClient, recovery: RecoveryKeyPair): Promise<Uint8Array> {
  const mailbox = mailboxOf(recovery);
  client.send({ type: 'escrowHello', protocolVersion: PROTOCOL_VERSION, mailbox });
  const challenge = await client.expect('escrowChallenge');
  const proof = proveEscrowMailbox(recovery, challenge.ephemeralPublicKey);
  if (!proof.ok) throw new Error(proof.message);
  return proof.value;
}

/** One list answer: the items in order, the frames that carried them, and the end. */
export interface EscrowAnswer {
  readonly items: EscrowItem[];
  readonly frames: FrameOf<'escrowItems'>[];
  readonly end: FrameOf<'escrowEnd'>;
}

/** Sends `escrowList` with `proof` and collects the answer up to `escrowEnd` (an error throws). */
export async function listOnce(
  client: TestClient,
  recovery: RecoveryKeyPair,
  proof: Uint8Array,
  fromRoom: Uint8Array = ZERO_ID,
  limit = 1024,
): Promise<EscrowAnswer> {
  client.send({ type: 'escrowList', mailbox: mailboxOf(recovery), recoveryPublicKey: recovery.publicKey, proof, fromRoom, limit });
  const frames: FrameOf<'escrowItems'>[] = [];
  for (;;) {
    const frame: Frame = await client.next();
    if (frame.type === 'escrowItems') frames.push(frame);
    else if (frame.type === 'escrowEnd') return { items: frames.flatMap((f) => f.items), frames, end: frame };
    else throw new Error(`expected escrowItems or escrowEnd, got ${describeFrame(frame)}`);
  }
}

/** Every escrow of the recovery key's mailbox: one challenge, then pages of `limit` until complete. */
export async function listAll(client: TestClient, recovery: RecoveryKeyPair, limit = 1024): Promise<EscrowItem[]> {
  const proof = await escrowChallenge(client, recovery);
  const items: EscrowItem[] = [];
  for (let from: Uint8Array = ZERO_ID; ; ) {
    const answer = await listOnce(client, recovery, proof, from, limit);
    items.push(...answer.items);
    if (answer.end.complete) return items;
    from = answer.end.nextRoom;
  }
}
