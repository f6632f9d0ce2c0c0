/**
 * @module server/session
 * One client connection: decodes its frames, runs each room's handshake (hello → challenge →
 * auth | create → catch-up → live), checks pushes and ephemerals, and answers every refusal
 * with an `error` frame. It never throws into the transport: a bug in one frame becomes an
 * `internal` error frame, and one room's trouble never touches another room.
 */
import { CloseCode, decodeFrame, encodeFrame, errorFrame, PROTOCOL_VERSION, ZERO_ID } from '../crdt/wire';
import type { AckEntry, ErrorCodeName, Frame, SeqEnvelope } from '../crdt/wire';
import { generateRelayNonce, verifyRelayAuth, verifyRoomCreate } from '../crypto/relayAuth';
import { catchUp } from './catchUp';
import type { CatchUpTarget } from './catchUp';
import { checkEphemeral, checkPush } from './envelopeChecks';
import type { EnvelopeRefusal } from './envelopeChecks';
import { TokenBucket } from './limits';
import { roomTag as roomTagOf } from './log';
import type { RelayContext, RelaySocket } from './relayContext';
import type { HubMember, RoomHub } from './roomHub';
import type { AppendCandidate, AppendResult, SnapshotCandidate } from './store/RelayStore';

/** Where one socket stands in one room. */
type Membership =
  | { readonly state: 'challenged'; readonly nonce: Uint8Array; readonly since: number }
  | { readonly state: 'verifying' }
  | { readonly state: 'joined'; readonly hub: RoomHub };

type FrameOf<T extends Frame['type']> = Extract<Frame, { type: T }>;

const roomKey = (room: Uint8Array): string => Buffer.from(room.buffer, room.byteOffset, room.byteLength).toString('hex');

/** A client connection of the relay. */
export class RelaySession implements HubMember {
  readonly id: number;
  readonly #ctx: RelayContext;
  readonly #socket: RelaySocket;
  readonly #bucket: TokenBucket;
  readonly #rooms = new Map<string, Membership>();
  #closed = false;

  constructor(id: number, ctx: RelayContext, socket: RelaySocket) {
    this.id = id;
    this.#ctx = ctx;
    this.#socket = socket;
    this.#bucket = new TokenBucket(ctx.limits.envelopesPerSecond, ctx.limits.envelopeBurst);
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
  }

  /** Closes the socket (relay shutdown, backpressure, fatal protocol errors). */
  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#leaveAll();
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
      default:
        return this.#refuse(frame.room, 'frame_unknown_type', `a ${frame.type} frame is sent by the relay, not to it`);
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
      if (!verifyRelayAuth(record.relayAuthPublicKey, room, challenge.nonce, signature)) {
        this.#rooms.delete(key);
        this.#ctx.log('info', 'auth_failed', { socket: this.id, room: roomTagOf(room) });
        return this.#refuse(room, 'auth_failed', 'the signature does not prove the room key');
      }
      this.#join(key, room, challenge.since, verifying);
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
      if (this.#rooms.get(key) === verifying) this.#join(key, room, challenge.since, verifying);
    });
  }

  #join(key: string, room: Uint8Array, since: number, expected: Membership): void {
    if (this.#closed || this.#rooms.get(key) !== expected) return;
    const hub = this.#ctx.hub(room);
    const joined: Membership = { state: 'joined', hub };
    this.#rooms.set(key, joined);
    hub.members.add(this);
    const target: CatchUpTarget = {
      member: this,
      isCurrent: () => !this.#closed && this.#ctx.accepting && this.#rooms.get(key) === joined,
      bufferedAmount: () => this.#socket.bufferedAmount,
    };
    this.#background(room, 'catch_up', () => catchUp(this.#ctx, hub, target, since));
  }

  #joinedHub(room: Uint8Array): RoomHub | undefined {
    const membership = this.#rooms.get(roomKey(room));
    if (membership?.state === 'joined') return membership.hub;
    this.#refuse(room, 'not_authenticated', 'authenticate in this room first');
    return undefined;
  }

  #push(frame: FrameOf<'push'>): void {
    const hub = this.#joinedHub(frame.room);
    if (hub === undefined) return;
    if (!this.#ctx.accepting) return this.#refuse(frame.room, 'shutting_down', 'the relay is restarting; push again after reconnecting');
    if (frame.envelopes.length === 0) return;
    if (!this.#bucket.take(frame.envelopes.length)) {
      return this.#refuse(frame.room, 'rate_limited', `too many envelopes per second (limit ${this.#ctx.limits.envelopesPerSecond}); push again later`);
    }
    const { candidates, refusals } = checkPush(frame.envelopes, hub.room, this.#ctx.limits.maxFrameBytes);
    this.#background(hub.room, 'push', () => hub.queue.run(() => this.#commit(hub, candidates, refusals)));
  }

  /** Runs inside the room's queue: commit, then ack, then refusals, then fan-out. */
  async #commit(hub: RoomHub, candidates: readonly AppendCandidate[], refusals: EnvelopeRefusal[]): Promise<void> {
    const { store, limits } = this.#ctx;
    await hub.load(store);
    let result: AppendResult = { outcomes: [], head: hub.deliveredHead, snapshot: null };
    if (candidates.length > 0) {
      const started = performance.now();
      try {
        result = await store.append(hub.room, candidates);
      } catch (error) {
        this.#ctx.log('error', 'commit_failed', { socket: this.id, room: hub.tag, error: describe(error) });
        this.#refuse(hub.room, 'internal', 'the relay could not store this push; nothing was stored, push again later');
        return;
      }
      this.#ctx.log('debug', 'push_committed', {
        socket: this.id,
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
    if (acks.length > 0) this.sendFrame(encodeFrame({ type: 'ack', room: hub.room, items: acks }));
    for (const refusal of refusals) this.#refuse(hub.room, refusal.code, refusal.message, refusal.id);
    if (conflict) {
      const current = await store.readSnapshot(hub.room);
      if (current !== null) {
        this.sendFrame(encodeFrame({ type: 'snapshot', room: hub.room, covers: current.pointer.covers, envelope: current.bytes }));
      }
    }
    await hub.fanOut(store, fresh, limits, this);
    for (const s of snapshots) {
      hub.broadcast(encodeFrame({ type: 'snapshotted', room: hub.room, snapshotId: s.snapshotId, covers: s.covers }), this);
    }
  }

  #ephemeral(frame: FrameOf<'ephemeral'>, raw: Uint8Array): void {
    const hub = this.#joinedHub(frame.room);
    if (hub === undefined) return;
    if (!this.#bucket.take(1)) return this.#refuse(frame.room, 'rate_limited', 'too many envelopes per second; slow down');
    const refusal = checkEphemeral(frame.envelope, hub.room, this.#ctx.limits.maxFrameBytes);
    if (refusal !== null) return this.#refuse(hub.room, refusal.code, refusal.message, refusal.id);
    // The decoder accepted exactly this layout, which is the same in both directions: forward it.
    hub.broadcast(raw, this);
  }

  #leave(key: string): void {
    const membership = this.#rooms.get(key);
    if (membership === undefined) return;
    this.#rooms.delete(key);
    if (membership.state !== 'joined') return;
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
