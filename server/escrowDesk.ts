/**
 * @module server/escrowDesk
 * One socket's side of listing a recovery mailbox (docs/PROTOCOL.md §4.11): `escrowHello` gets a
 * fresh X25519 challenge key, and each `escrowList` must prove the recovery private key against
 * it before the escrows are streamed. A socket holds one challenge at a time (a new
 * `escrowHello` replaces it) and one list answer in flight. The challenge stays valid for the
 * pages of one recovery on this socket; a proof that fails uses it up. Rooms play no part here:
 * refusals carry room ZERO_ID.
 */
import { bytesEqual } from '../crypto/bytes';
import { CloseCode, encodeFrame, PROTOCOL_VERSION } from '../crdt/wire';
import type { ErrorCodeName, Frame } from '../crdt/wire';
import { generateEscrowChallenge, verifyEscrowMailboxProof } from '../crypto/relayAuth';
import type { EscrowChallengeKey } from '../crypto/relayAuth';
import { streamEscrowList } from './escrowList';
import { roomTag } from './log';
import type { RelayContext } from './relayContext';
import type { HubMember } from './roomHub';

type FrameOf<T extends Frame['type']> = Extract<Frame, { type: T }>;

/** What the desk needs from its session. */
export interface EscrowDeskHost {
  readonly id: number;
  readonly member: HubMember;
  /** Charges the socket's token bucket (shared with envelopes and proofs). */
  take(cost: number): boolean;
  /** Answers with an `error` frame whose room and envelope id are ZERO_ID. */
  refuse(code: ErrorCodeName, message: string): void;
  close(code: number, reason: string): void;
  /** False once the socket closed. */
  isOpen(): boolean;
  bufferedAmount(): number;
  /** Runs async work for a frame (a failure becomes `internal`). */
  background(what: string, work: () => Promise<void>): void;
}

export class EscrowDesk {
  readonly #ctx: RelayContext;
  readonly #host: EscrowDeskHost;
  #challenge: { readonly mailbox: Uint8Array; readonly key: EscrowChallengeKey } | undefined;
  #listing = false;

  constructor(ctx: RelayContext, host: EscrowDeskHost) {
    this.#ctx = ctx;
    this.#host = host;
  }

  /** `escrowHello`: version, shutdown, rate; then a fresh challenge replaces any earlier one. */
  hello(frame: FrameOf<'escrowHello'>): void {
    const host = this.#host;
    if (frame.protocolVersion !== PROTOCOL_VERSION) {
      host.refuse('protocol_version', `protocol version ${frame.protocolVersion} is not supported (this relay speaks ${PROTOCOL_VERSION})`);
      host.close(CloseCode.protocolError, 'unsupported protocol version');
      return;
    }
    if (!this.#ctx.accepting) return host.refuse('shutting_down', 'the relay is restarting');
    if (!host.take(1)) return host.refuse('rate_limited', 'too many requests; slow down');
    this.forget();
    const challenge = { mailbox: frame.mailbox.slice(), key: generateEscrowChallenge() };
    this.#challenge = challenge;
    host.member.sendFrame(encodeFrame({ type: 'escrowChallenge', mailbox: challenge.mailbox, ephemeralPublicKey: challenge.key.publicKey }));
  }

  /** `escrowList`: checks in the order of docs/PROTOCOL.md §4.11, then streams the answer. */
  list(frame: FrameOf<'escrowList'>): void {
    const host = this.#host;
    if (!this.#ctx.accepting) return host.refuse('shutting_down', 'the relay is restarting');
    const challenge = this.#challenge;
    if (challenge === undefined || !bytesEqual(challenge.mailbox, frame.mailbox)) {
      return host.refuse('no_challenge', 'send escrowHello for this mailbox first');
    }
    if (this.#listing) return host.refuse('rate_limited', 'one escrow list at a time; wait for escrowEnd');
    if (!host.take(1)) return host.refuse('rate_limited', 'too many requests; slow down');
    if (!verifyEscrowMailboxProof(challenge.key, frame.mailbox, frame.recoveryPublicKey, frame.proof)) {
      this.forget();
      this.#ctx.log('info', 'escrow_auth_failed', { socket: host.id, mailbox: roomTag(frame.mailbox) });
      return host.refuse('escrow_auth_failed', 'the proof does not show the recovery key of this mailbox');
    }
    this.#listing = true;
    const mailbox = frame.mailbox.slice();
    const fromRoom = frame.fromRoom.slice();
    this.#ctx.log('info', 'escrow_listed', { socket: host.id, mailbox: roomTag(mailbox) });
    const target = {
      member: host.member,
      isCurrent: () => host.isOpen() && this.#ctx.accepting,
      bufferedAmount: () => host.bufferedAmount(),
    };
    host.background('escrow_list', async () => {
      try {
        await streamEscrowList(this.#ctx, target, mailbox, fromRoom, frame.limit);
      } finally {
        this.#listing = false;
      }
    });
  }

  /** Drops the challenge and wipes its private half (a new hello, a failed proof, the socket closed). */
  forget(): void {
    this.#challenge?.key.privateKey.fill(0);
    this.#challenge = undefined;
  }
}
