/**
 * @module server/session
 * One client connection: decodes its frames, runs each room's handshake (hello → challenge →
 * auth | create → catch-up → live, or → rotation records for a key of an older epoch), checks
 * pushes and ephemerals, runs rotations, history requests and recovery escrow deposits (listing a
 * mailbox is its `EscrowDesk`'s), issues attachment tickets (`blobTicket`), and answers every refusal with an `error` frame. It never
 * throws into the transport: a bug in one frame becomes an `internal` error frame, and one room's
 * trouble never touches another room.
 */
import { CloseCode, decodeFrame, encodeFrame, errorFrame, PROTOCOL_VERSION, ZERO_ID } from '../crdt/wire';
import type { ErrorCodeName, Frame } from '../crdt/wire';
import { envelopeId } from '../crypto/envelopeFormat';
import { generateRelayNonce, verifyRelayAuth, verifyRoomCreate } from '../crypto/relayAuth';
import { catchUp } from './catchUp';
import type { CatchUpTarget } from './catchUp';
import { commitPush } from './commitPush';
import type { Pusher } from './commitPush';
import { checkEphemeral, checkPush } from './envelopeChecks';
import { commitEscrow } from './escrowDeposit';
import type { Depositor } from './escrowDeposit';
import { EscrowDesk } from './escrowDesk';
import { streamHistory } from './history';
import { TokenBucket } from './limits';
import { roomTag as roomTagOf } from './log';
import type { RelayContext, RelaySocket } from './relayContext';
import type { Joined, Membership, Stale } from './membership';
import type { HubMember, RoomHub } from './roomHub';
import { decideRotation, findOldKeyEpoch, rotateRequestOf } from './rotation';
import type { RotatorStanding } from './rotation';
import { streamRotations } from './rotationRecords';

type FrameOf<T extends Frame['type']> = Extract<Frame, { type: T }>;

const roomKey = (room: Uint8Array): string => Buffer.from(room.buffer, room.byteOffset, room.byteLength).toString('hex');

/** A client connection of the relay. */
export class RelaySession implements HubMember {
  readonly id: number;
  readonly #ctx: RelayContext;
  readonly #socket: RelaySocket;
  readonly #bucket: TokenBucket;
  readonly #rooms = new Map<string, Membership>();
  /** Rooms with a history answer still streaming (one at a time per room). */
  readonly #historyInFlight = new Set<string>();
  /** Listing a recovery mailbox (§4.11): its challenge and the answer in flight. */
  readonly #escrowDesk: EscrowDesk;
  #closed = false;

  constructor(id: number, ctx: RelayContext, socket: RelaySocket) {
    this.id = id;
    this.#ctx = ctx;
    this.#socket = socket;
    this.#bucket = new TokenBucket(ctx.limits.envelopesPerSecond, ctx.limits.envelopeBurst);
    this.#escrowDesk = new EscrowDesk(ctx, {
      id,
      member: this,
      take: (cost) => this.#bucket.take(cost),
      refuse: (code, message) => this.#refuse(ZERO_ID, code, message),
      close: (code, reason) => this.close(code, reason),
      isOpen: () => !this.#closed,
      bufferedAmount: () => this.#socket.bufferedAmount,
      background: (what, work) => this.#background(ZERO_ID, what, work),
    });
  }

  /** Handles one message from the client. Never throws. */
  receive(data: Uint8Array | string): void {
    if (this.#closed) return;
    try {
      this.#dispatch(data);
    } catch (error) {
      this.#internal(ZERO_ID, 'frame', error);
    }
  }

  /** The transport reports the socket closed (by either side). */
  socketClosed(): void {
    this.#closed = true;
    this.#leaveAll();
    this.#escrowDesk.forget();
    this.#ctx.blobs.tickets.forgetSession(this.id);
  }

  /** Closes the socket (relay shutdown, backpressure, fatal protocol errors). */
  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#leaveAll();
    this.#escrowDesk.forget();
    this.#ctx.blobs.tickets.forgetSession(this.id);
    try {
      this.#socket.close(code, reason);
    } catch {
      // already closing
    }
  }

  /** Sends a frame; a socket whose queue is over the limit is told so and closed with 1013. */
  sendFrame(frame: Uint8Array): void {
    if (this.#closed) return;
    this.#socket.send(frame);
    if (this.#socket.bufferedAmount > this.#ctx.limits.maxPendingBytes) {
      this.#socket.send(errorFrame(ZERO_ID, 'backpressure', 'the client reads too slowly; reconnect later'));
      this.#ctx.log('warn', 'socket_backpressure', { socket: this.id, pending: this.#socket.bufferedAmount });
      this.close(CloseCode.tryAgainLater, 'backpressure');
    }
  }

  #dispatch(data: Uint8Array | string): void {
    if (typeof data === 'string') {
      this.#refuse(ZERO_ID, 'frame_malformed', 'text messages are not part of the protocol');
      return;
    }
    const decoded = decodeFrame(data, this.#ctx.limits.maxFrameBytes);
    if (!decoded.ok) {
      this.#refuse(ZERO_ID, decoded.code, decoded.message);
      if (decoded.code === 'frame_too_large') this.close(CloseCode.tooLarge, 'frame too large');
      return;
    }
    const frame = decoded.value;
    switch (frame.type) {
      case 'hello':
        return this.#hello(frame);
      case 'auth':
        return this.#auth(frame);
      case 'create':
        return this.#create(frame);
      case 'push':
        return this.#push(frame);
      case 'ephemeral':
        return this.#ephemeral(frame, data);
      case 'leave':
        return this.#leave(roomKey(frame.room));
      case 'rotate':
        return this.#rotate(frame);
      case 'history':
        return this.#history(frame);
      case 'escrow':
        return this.#escrow(frame);
      case 'escrowHello':
        return this.#escrowDesk.hello(frame);
      case 'escrowList':
        return this.#escrowDesk.list(frame);
      case 'blobTicket':
        return this.#blobTicket(frame);
      default:
        return this.#refuse('room' in frame ? frame.room : ZERO_ID, 'frame_unknown_type', `a ${frame.type} frame is sent by the relay, not to it`);
    }
  }

  #hello(frame: FrameOf<'hello'>): void {
    if (frame.protocolVersion !== PROTOCOL_VERSION) {
      this.#refuse(frame.room, 'protocol_version', `protocol version ${frame.protocolVersion} is not supported (this relay speaks ${PROTOCOL_VERSION})`);
      this.close(CloseCode.protocolError, 'unsupported protocol version');
      return;
    }
    if (!this.#ctx.accepting) return this.#refuse(frame.room, 'shutting_down', 'the relay is restarting');
    const key = roomKey(frame.room);
    if (this.#rooms.has(key)) {
      this.#leave(key);
    } else if (this.#rooms.size >= this.#ctx.limits.maxRoomsPerSocket) {
      return this.#refuse(frame.room, 'too_many_rooms', `at most ${this.#ctx.limits.maxRoomsPerSocket} rooms per socket; leave one first`);
    }
    const room = frame.room.slice();
    const membership: Membership = { state: 'challenged', nonce: generateRelayNonce(), since: frame.since };
    this.#rooms.set(key, membership);
    this.#background(room, 'hello', async () => {
      const record = await this.#ctx.store.getRoom(room);
      if (this.#rooms.get(key) !== membership) return;
      this.sendFrame(encodeFrame({ type: 'challenge', room, nonce: membership.nonce, roomExists: record !== null }));
    });
  }

  /** Consumes the room's challenge (one proof per nonce); undefined after refusing. */
  #takeChallenge(room: Uint8Array, key: string): (Membership & { state: 'challenged' }) | undefined {
    const membership = this.#rooms.get(key);
    if (membership?.state !== 'challenged') {
      this.#refuse(room, 'no_challenge', 'send hello for this room first');
      return undefined;
    }
    if (!this.#bucket.take(1)) {
      this.#rooms.delete(key);
      this.#refuse(room, 'rate_limited', 'too many requests; slow down');
      return undefined;
    }
    return membership;
  }

  #auth(frame: FrameOf<'auth'>): void {
    const key = roomKey(frame.room);
    const challenge = this.#takeChallenge(frame.room, key);
    if (challenge === undefined) return;
    const room = frame.room.slice();
    const signature = frame.signature.slice();
    const verifying: Membership = { state: 'verifying' };
    this.#rooms.set(key, verifying);
    this.#background(room, 'auth', async () => {
      const record = await this.#ctx.store.getRoom(room);
      if (this.#rooms.get(key) !== verifying) return;
      if (record === null) {
        this.#rooms.delete(key);
        return this.#refuse(room, 'room_not_found', 'no such room; create it');
      }
      if (verifyRelayAuth(record.relayAuthPublicKey, room, challenge.nonce, signature)) {
        return this.#join(key, room, challenge.since, verifying, challenge.nonce, record.epoch);
      }
      const oldEpoch = await findOldKeyEpoch(this.#ctx, room, record.epoch, challenge.nonce, signature);
      if (this.#rooms.get(key) !== verifying) return;
      if (oldEpoch === undefined) {
        this.#rooms.delete(key);
        this.#ctx.log('info', 'auth_failed', { socket: this.id, room: roomTagOf(room) });
        return this.#refuse(room, 'auth_failed', 'the signature does not prove the room key');
      }
      if (this.#closed) return;
      this.#ctx.log('info', 'old_key', { socket: this.id, room: roomTagOf(room), epoch: oldEpoch, current: record.epoch });
      const hub = this.#ctx.hub(room);
      hub.members.add(this);
      this.#becomeStale(hub, key, oldEpoch);
    });
  }

  #create(frame: FrameOf<'create'>): void {
    const key = roomKey(frame.room);
    const challenge = this.#takeChallenge(frame.room, key);
    if (challenge === undefined) return;
    const room = frame.room.slice();
    if (!verifyRoomCreate(frame.relayAuthPublicKey, room, frame.epoch, challenge.nonce, frame.signature)) {
      this.#rooms.delete(key);
      this.#ctx.log('info', 'auth_failed', { socket: this.id, room: roomTagOf(room), create: true });
      return this.#refuse(room, 'auth_failed', 'the signature does not prove the relay-auth key');
    }
    const verifying: Membership = { state: 'verifying' };
    this.#rooms.set(key, verifying);
    const newRoom = { roomId: room, epoch: frame.epoch, relayAuthPublicKey: frame.relayAuthPublicKey.slice(), createdAt: Date.now() };
    this.#background(room, 'create', async () => {
      const created = await this.#ctx.store.createRoom(newRoom);
      if (!created) {
        if (this.#rooms.get(key) === verifying) this.#rooms.delete(key);
        return this.#refuse(room, 'room_exists', 'the room exists already; authenticate instead');
      }
      this.#ctx.log('info', 'room_created', { socket: this.id, room: roomTagOf(room), epoch: frame.epoch });
      if (this.#rooms.get(key) === verifying) this.#join(key, room, challenge.since, verifying, challenge.nonce, frame.epoch);
    });
  }

  #join(key: string, room: Uint8Array, since: number, expected: Membership, nonce: Uint8Array, epoch: number): void {
    if (this.#closed || this.#rooms.get(key) !== expected) return;
    const hub = this.#ctx.hub(room);
    const joined: Joined = { state: 'joined', hub, nonce, epoch };
    this.#rooms.set(key, joined);
    hub.members.add(this);
    const target: CatchUpTarget = {
      member: this,
      isCurrent: () => !this.#closed && this.#ctx.accepting && this.#rooms.get(key) === joined,
      bufferedAmount: () => this.#socket.bufferedAmount,
      epoch: () => joined.epoch,
      outdated: () => this.#becomeStale(hub, key, joined.epoch),
    };
    this.#background(room, 'catch_up', () => catchUp(this.#ctx, hub, target, since));
  }

  /**
   * The socket's key for this room is of an older epoch than the room's: it leaves the live
   * set, gets the stored rotation records after its epoch and then `key_rotated`, and from then
   * on every later rotation record. It never gets envelopes and cannot push.
   */
  #becomeStale(hub: RoomHub, key: string, epoch: number): void {
    const stale: Stale = { state: 'stale', hub, epoch, listening: false };
    this.#rooms.set(key, stale);
    hub.live.delete(this);
    this.#sendRotations(hub, stale, epoch, () => {
      stale.listening = true;
      this.#refuse(hub.room, 'key_rotated', `this socket proved the key of epoch ${epoch}; the room is at epoch ${hub.epoch}`);
    });
  }

  /** Streams the room's rotation records from `fromEpoch` on while `standing` stays this socket's. */
  #sendRotations(hub: RoomHub, standing: Joined | Stale, fromEpoch: number, finished: () => void): void {
    this.#background(hub.room, 'rotations', () =>
      streamRotations(this.#ctx, hub, {
        member: this,
        isCurrent: () => !this.#closed && this.#ctx.accepting && this.#rooms.get(hub.key) === standing,
        bufferedAmount: () => this.#socket.bufferedAmount,
        finished,
      }, fromEpoch),
    );
  }

  /** The hub announces a rotation (inside the room's queue). */
  roomRotated(hub: RoomHub, toEpoch: number, frame: Uint8Array): void {
    const membership = this.#rooms.get(hub.key);
    if (membership === undefined || !('hub' in membership) || membership.hub !== hub) return;
    if (membership.state === 'stale') {
      if (membership.listening) this.sendFrame(frame);
      return;
    }
    // The rotator itself, or a socket that already proved the new key.
    if (membership.epoch >= toEpoch) return;
    if (membership.epoch !== toEpoch - 1) return this.#becomeStale(hub, hub.key, membership.epoch);
    this.#rooms.set(hub.key, { state: 'stale', hub, epoch: membership.epoch, listening: true });
    hub.live.delete(this);
    this.sendFrame(frame);
    this.#refuse(hub.room, 'key_rotated', `the room rotated to epoch ${toEpoch}; authenticate with its key`);
  }

  /** The membership a room frame needs (joined with the current key), or a refusal (naming `refusedId`, if given). */
  #joined(room: Uint8Array, refusedId?: Uint8Array): Joined | undefined {
    const membership = this.#rooms.get(roomKey(room));
    if (membership?.state === 'joined') return membership;
    if (membership?.state === 'stale') {
      this.#refuse(room, 'key_rotated', `this socket proved the key of epoch ${membership.epoch}, which the room rotated away from`, refusedId);
    } else {
      this.#refuse(room, 'not_authenticated', 'authenticate in this room first', refusedId);
    }
    return undefined;
  }

  #push(frame: FrameOf<'push'>): void {
    const joined = this.#joined(frame.room);
    if (joined === undefined) return;
    const { hub } = joined;
    if (!this.#ctx.accepting) return this.#refuse(frame.room, 'shutting_down', 'the relay is restarting; push again after reconnecting');
    if (frame.envelopes.length === 0) return;
    if (!this.#bucket.take(frame.envelopes.length)) {
      return this.#refuse(frame.room, 'rate_limited', `too many envelopes per second (limit ${this.#ctx.limits.envelopesPerSecond}); push again later`);
    }
    const { candidates, refusals } = checkPush(frame.envelopes, hub.room, this.#ctx.limits.maxFrameBytes);
    const pusher: Pusher = { member: this, id: this.id, refuse: (...refusal) => this.#refuse(...refusal) };
    this.#background(hub.room, 'push', () => hub.queue.run(() => commitPush(this.#ctx, pusher, joined, candidates, refusals)));
  }

  #ephemeral(frame: FrameOf<'ephemeral'>, raw: Uint8Array): void {
    const joined = this.#joined(frame.room);
    if (joined === undefined) return;
    const { hub } = joined;
    if (!this.#bucket.take(1)) return this.#refuse(frame.room, 'rate_limited', 'too many envelopes per second; slow down');
    const refusal = checkEphemeral(frame.envelope, hub.room, this.#ctx.limits.maxFrameBytes);
    if (refusal !== null) return this.#refuse(hub.room, refusal.code, refusal.message, refusal.id);
    // The decoder accepted exactly this layout, which is the same in both directions: forward it.
    hub.broadcast(raw, this);
  }

  #rotate(frame: FrameOf<'rotate'>): void {
    const key = roomKey(frame.room);
    const membership = this.#rooms.get(key);
    if (membership?.state !== 'joined' && membership?.state !== 'stale') {
      return this.#refuse(frame.room, 'not_authenticated', 'authenticate in this room first');
    }
    if (!this.#ctx.accepting) return this.#refuse(frame.room, 'shutting_down', 'the relay is restarting; rotate again after reconnecting');
    if (!this.#bucket.take(1)) return this.#refuse(frame.room, 'rate_limited', 'too many requests; slow down');
    if (frame.toEpoch !== frame.fromEpoch + 1) {
      return this.#refuse(frame.room, 'rotate_invalid', `toEpoch ${frame.toEpoch} is not fromEpoch ${frame.fromEpoch} + 1`);
    }
    const { hub } = membership;
    const request = rotateRequestOf(frame);
    const standing = (): RotatorStanding => {
      const now = this.#rooms.get(key);
      if (now === membership && now.state === 'joined') return { kind: 'joined', epoch: now.epoch, nonce: now.nonce };
      return now?.state === 'stale' ? { kind: 'stale' } : { kind: 'gone' };
    };
    this.#background(hub.room, 'rotate', () =>
      hub.queue.run(async () => {
        const decision = await decideRotation(this.#ctx, hub, request, standing);
        switch (decision.kind) {
          case 'refused':
            return this.#refuse(hub.room, decision.code, decision.message);
          case 'conflict': {
            this.#refuse(hub.room, 'rotate_conflict', `the room is at epoch ${decision.epoch}, not ${request.fromEpoch}`);
            if (request.fromEpoch >= decision.epoch) return;
            // After this task: the records from fromEpoch on, the last naming the current epoch.
            const answered = this.#rooms.get(key);
            if (answered?.state === 'joined' || answered?.state === 'stale') this.#sendRotations(hub, answered, request.fromEpoch, () => {});
            return;
          }
          case 'rotated': {
            const { record } = decision;
            if (membership.state === 'joined') membership.epoch = record.toEpoch;
            this.#ctx.log('info', 'room_rotated', { socket: this.id, room: hub.tag, epoch: record.toEpoch, keyBoxes: record.keyBoxes.length });
            this.sendFrame(encodeFrame({ type: 'rotated', room: hub.room, epoch: record.toEpoch }));
            hub.rotated(record);
            return;
          }
        }
      }),
    );
  }

  #history(frame: FrameOf<'history'>): void {
    const joined = this.#joined(frame.room);
    if (joined === undefined) return;
    const key = roomKey(frame.room);
    if (!this.#ctx.accepting) return this.#refuse(frame.room, 'shutting_down', 'the relay is restarting');
    if (this.#historyInFlight.has(key)) {
      return this.#refuse(frame.room, 'rate_limited', 'one history request at a time per room; wait for historyEnd');
    }
    if (!this.#bucket.take(1)) return this.#refuse(frame.room, 'rate_limited', 'too many requests; slow down');
    this.#historyInFlight.add(key);
    const target = {
      member: this,
      isCurrent: () => !this.#closed && this.#ctx.accepting && this.#rooms.get(key) === joined,
      bufferedAmount: () => this.#socket.bufferedAmount,
    };
    this.#background(joined.hub.room, 'history', async () => {
      try {
        await streamHistory(this.#ctx, joined.hub.room, target, frame.fromSeq, frame.limit);
      } finally {
        this.#historyInFlight.delete(key);
      }
    });
  }

  /** `escrow` (§4.11): the entry checks here, the commit in the room's queue (escrowDeposit.ts). */
  #escrow(frame: FrameOf<'escrow'>): void {
    const blobId = envelopeId(frame.blob);
    const joined = this.#joined(frame.room, blobId);
    if (joined === undefined) return;
    const { hub } = joined;
    if (!this.#ctx.accepting) return this.#refuse(hub.room, 'shutting_down', 'the relay is restarting; deposit again after reconnecting', blobId);
    if (!this.#bucket.take(1)) return this.#refuse(hub.room, 'rate_limited', 'too many requests; slow down', blobId);
    const request = { mailbox: frame.mailbox.slice(), blob: frame.blob.slice(), blobId };
    const depositor: Depositor = { id: this.id, member: this, refuse: (...refusal) => this.#refuse(...refusal) };
    this.#background(hub.room, 'escrow', () => hub.queue.run(() => commitEscrow(this.#ctx, depositor, joined, request)));
  }

  /**
   * `blobTicket` (§4.12): a ticket for the attachment endpoints of a room this socket is joined in
   * with the current key. The ticket dies with that membership (leave, new hello, close, cut off by
   * a rotation), so HTTP never outlives the relay-auth proof it rests on.
   */
  #blobTicket(frame: FrameOf<'blobTicket'>): void {
    const requestId = frame.requestId.slice();
    const joined = this.#joined(frame.room, requestId);
    if (joined === undefined) return;
    const { hub } = joined;
    if (!this.#ctx.accepting) return this.#refuse(hub.room, 'shutting_down', 'the relay is restarting', requestId);
    if (!this.#bucket.take(1)) return this.#refuse(hub.room, 'rate_limited', 'too many requests; slow down', requestId);
    const { blobs } = this.#ctx;
    const { ticket, expiresAt } = blobs.tickets.issue({
      sessionId: this.id,
      room: hub.room,
      isCurrent: () => !this.#closed && this.#rooms.get(hub.key) === joined,
    });
    this.#background(hub.room, 'blob_ticket', async () => {
      const usedBytes = await blobs.store.usage(hub.room);
      this.sendFrame(encodeFrame({
        type: 'blobTicketed',
        room: hub.room,
        requestId,
        ticket,
        expiresAt,
        maxFileBytes: blobs.limits.maxFileBytes,
        quotaBytes: blobs.limits.roomQuotaBytes,
        usedBytes,
      }));
    });
  }

  #leave(key: string): void {
    const membership = this.#rooms.get(key);
    if (membership === undefined) return;
    this.#rooms.delete(key);
    if (membership.state !== 'joined' && membership.state !== 'stale') return;
    membership.hub.members.delete(this);
    membership.hub.live.delete(this);
    this.#ctx.released(membership.hub);
  }

  #leaveAll(): void {
    for (const key of [...this.#rooms.keys()]) this.#leave(key);
  }

  #refuse(room: Uint8Array, code: ErrorCodeName, message: string, envelopeId?: Uint8Array): void {
    this.#ctx.log('info', 'refused', { socket: this.id, code, room: isZero(room) ? undefined : roomTagOf(room) });
    this.sendFrame(errorFrame(room, code, message, envelopeId));
  }

  #internal(room: Uint8Array, what: string, error: unknown): void {
    this.#ctx.log('error', 'internal_error', { socket: this.id, during: what, error: describe(error) });
    try {
      this.sendFrame(errorFrame(room, 'internal', 'the relay failed on this request'));
    } catch {
      // nothing more to do for this socket
    }
  }

  /** Runs async work for a frame; a failure becomes an `internal` error frame, never a crash. */
  #background(room: Uint8Array, what: string, work: () => Promise<void>): void {
    this.#ctx.track(work().catch((error: unknown) => this.#internal(room, what, error)));
  }
}

function isZero(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
