/**
 * @module crdt/sync/roomSync
 * The sync engine for one room (one part of a cartella: one Y.Doc, one key, one relay room).
 * It owns the road a change travels: local Yjs update → batch → sealed envelope → durable
 * outbox → push → ack; and back: relay envelopes in seq order → verify → clock check →
 * apply. It snapshots the full state every ~300 updates (compare-and-swap on the relay) and
 * opens from the latest local snapshot plus its tail. It follows key rotations (roomRotation.ts)
 * and fetches the room's whole log for the history (historyFetch.ts). It speaks frames through
 * `send`; the `SyncClient` owns the transport and routes frames here.
 */
import * as Y from 'yjs';
import { checkClock, envelopeId, randomBytes, roomIdToBase64Url, signRelayAuth, signRoomCreate, toHex } from '../../crypto';
import type { EnvelopeHeader, PartSubkeys, RoomId } from '../../crypto';
import { ErrorCode, PROTOCOL_VERSION, errorCodeName, type Frame, type SeqEnvelope, encodeFrame } from '../wire';
import type { LogEntry, RoomKey, RoomLog, StoredSnapshot } from './ports';
import { HistoryFetch, type HistoryResult } from './historyFetch';
import { LogReader } from './logReader';
import { Outbox, type OutboxItem } from './outbox';
import { RoomKeyChain } from './roomKeyChain';
import { RoomRotation } from './roomRotation';
import { RoomSealer } from './roomSealer';
import {
  REMOTE_ORIGIN, TERMINAL_PHASES, type RoomEvent, type RoomPhase, type RoomStatus, type RoomSyncOptions, type RotateOutcome,
} from './roomTypes';
import { OutgoingBatcher, type Scheduler } from './outgoingBatcher';
import { SnapshotPolicy, type SealedSnapshot } from './snapshotPolicy';
import { frameUpdate, parseFramedUpdate, PartAssembler } from './updateFraming';

export * from './roomTypes';
export { rotationKeyMatches } from './roomRotation';
export type { HistoryItem, HistoryResult, HistoryErrorCode } from './historyFetch';


/** One room's engine. Call `open()` once, then `connected(send)` / `disconnected()` as the transport changes. */
export class RoomSync {
  readonly roomKey: RoomKey;
  readonly roomBytes: RoomId;
  /** The keys of every epoch held, and the current one (it moves forward at a rotation). */
  readonly keys: RoomKeyChain;
  private readonly o: RoomSyncOptions;
  private readonly authorHex: string;
  private send: ((frame: Uint8Array) => boolean) | undefined;
  private phase: RoomPhase = 'offline';
  private head = 0;
  private readonly ephemeralClocks = new Map<string, number>();
  private ownClock = 0;
  private lastEphemeralClock = 0;
  private readonly outbox = new Outbox();
  /** Ids of the push frame awaiting its ack (one push in flight at a time). */
  private inFlight: Set<string> | undefined;
  private lastSyncedAt: number | undefined;
  private persist: Promise<void> = Promise.resolve();
  private readonly batcher: OutgoingBatcher;
  private readonly sealer: RoomSealer;
  private readonly snapshots: SnapshotPolicy;
  private readonly reader: LogReader;
  private rollbackSuspected = false;
  private cancelIdleSnapshot: (() => void) | undefined;
  private readonly listeners = new Set<(event: RoomEvent) => void>();
  private readonly ephemeralListeners = new Set<(payload: Uint8Array, authorHex: string) => void>();
  /** The challenge nonce of the current join (a `rotate` is signed over it). */
  private nonce: Uint8Array | undefined;
  /** The epoch whose relay-auth key this socket proved. */
  private authEpoch = 0;
  /** Frames that wait while a new key is decided or saved. */
  private held: Frame[] | undefined;
  /** Our envelopes of an older epoch the relay refused after a rotation: sealed again when the push is answered. */
  private stale: OutboxItem[] = [];
  private readonly rotation: RoomRotation;
  private readonly history: HistoryFetch;

  constructor(options: RoomSyncOptions) {
    this.o = options;
    this.keys = new RoomKeyChain(options.keys);
    this.roomBytes = options.keys.roomId;
    this.roomKey = roomIdToBase64Url(options.keys.roomId) as RoomKey;
    this.authorHex = toHex(options.author.signPublicKey);
    this.sealer = new RoomSealer(this.keys, options.author);
    this.reader = new LogReader(this.sealer, (code, message, seq) => this.problem(code, message, seq));
    this.snapshots = new SnapshotPolicy({ max: options.snapshotEvery ?? 300, min: options.minSnapshotEvery ?? 50 });
    this.batcher = new OutgoingBatcher({
      intervalMs: options.batchIntervalMs ?? 30,
      offlineMs: options.offlineBatchMs ?? 500,
      scheduler: options.scheduler,
      canSendNow: () => this.phase === 'live' && !this.inFlight && !this.rotation.requesting,
      isOnline: () => this.phase === 'live',
      seal: (update) => this.sealUpdate(update),
    });
    this.rotation = new RoomRotation({
      roomBytes: this.roomBytes,
      keys: this.keys,
      send: (frame) => this.sendFrame(frame),
      problem: (code, message) => this.problem(code, message),
      hold: () => this.hold(),
      release: () => this.release(),
      adopted: (epoch, own) => this.adopted(epoch, own),
      stopped: (phase, code, message) => this.stopped(phase, code, message),
      settled: () => this.settle(),
    }, options.onRotation);
    this.history = new HistoryFetch(this.roomBytes, (frame) => this.sendFrame(frame), options.scheduler ?? defaultScheduler);
  }

  /**
   * Loads the local log (snapshot + tail) into the doc, verifying every envelope, and starts
   * listening for local edits. `preloaded`: the room's log already read (`EnvelopeStore.loadRooms`).
   */
  async open(preloaded?: RoomLog): Promise<void> {
    const log = preloaded ?? await this.o.store.loadRoom(this.roomKey);
    const updates: Uint8Array[] = [];
    if (log.snapshot) this.applySnapshotEnvelope(log.snapshot.bytes, log.snapshot.covers, false, updates);
    for (const entry of log.entries) this.loadEntry(entry, updates);
    this.o.doc.transact(() => { for (const u of updates) Y.applyUpdate(this.o.doc, u); }, REMOTE_ORIGIN);
    this.o.doc.on('update', this.onLocalUpdate);
    this.emitStatus();
  }

  /** Stops listening to the doc; pending edits are sealed into the outbox first. */
  async close(): Promise<void> {
    this.o.doc.off('update', this.onLocalUpdate);
    this.cancelIdleSnapshot?.();
    this.batcher.flushNow();
    this.batcher.cancel();
    await this.persist;
  }

  /** Seals whatever is waiting now (e.g. on page hide) and resolves once it is in the store. */
  async flush(): Promise<void> {
    this.batcher.flushNow();
    await this.persist;
  }

  get status(): RoomStatus {
    return {
      phase: this.phase,
      epoch: this.keys.epoch,
      pending: this.outbox.size + (this.batcher.hasPending ? 1 : 0),
      head: this.head,
      lastSyncedAt: this.lastSyncedAt,
    };
  }

  /** The transport is open: say hello. */
  connected(send: (frame: Uint8Array) => boolean): void {
    this.send = send;
    if (TERMINAL_PHASES.has(this.phase)) return;
    this.hello();
  }

  /** The transport closed: what is in flight will be re-pushed from the outbox. */
  disconnected(): void {
    this.send = undefined;
    this.inFlight = undefined;
    this.snapshots.inFlight = undefined;
    this.nonce = undefined;
    // Frames held for a key being saved belong to the closed socket.
    if (this.held) this.held = [];
    for (const item of this.stale.splice(0)) this.outbox.add(item);
    this.rotation.disconnected();
    this.history.stop('offline', 'The connection closed');
    if (this.phase !== 'refused' && !TERMINAL_PHASES.has(this.phase)) this.phase = 'offline';
    this.emitStatus();
  }

  /**
   * Rotates the room to the next epoch (docs/ROTATION.md): `key` is K', `keyBoxes` its boxes
   * (crypto/keyBoxes.ts). The room must be live. When the relay accepts, `persist` must save K'
   * durably; then the room seals under the new epoch and pushes a snapshot of it. On
   * `rotate_conflict` the winner's records follow and are handled like any record.
   */
  rotate(key: Uint8Array, keyBoxes: Uint8Array, persist: () => Promise<void>): Promise<RotateOutcome> {
    if (this.phase !== 'live' || !this.send || !this.nonce) {
      return Promise.resolve({ ok: false, code: 'not_live', message: 'The room is not joined now' });
    }
    return this.rotation.request(this.nonce, key, keyBoxes, persist);
  }

  /** Looks again at a rotation this device did not trust (after its roster changed). */
  retryRotation(): void {
    if (this.phase === 'untrusted-rotation') this.rotation.retry();
  }

  /**
   * Fetches the room's whole log from the relay (every stored update of every epoch, seq order;
   * docs/PROTOCOL.md §4.10) for the signed history. The room must be live.
   */
  fetchHistory(): Promise<HistoryResult> {
    if (this.phase !== 'live' || !this.send) return Promise.resolve({ ok: false, code: 'not_live', message: 'The room is not joined now' });
    return this.history.start();
  }

  /**
   * Keys of more epochs arrived on the device (a hand-over): hold them; when one is later than
   * the current epoch, join again with it.
   */
  addEpochKeys(keys: ReadonlyArray<{ readonly epoch: number; readonly subkeys: PartSubkeys }>): void {
    const before = this.keys.epoch;
    for (const k of keys) if (!this.keys.subkeysForEpoch(k.epoch)) this.keys.add(k.epoch, k.subkeys);
    if (this.keys.epoch === before) return;
    this.ownClock = this.reader.clocks.last(this.keys.epoch, this.o.author.signPublicKey);
    if (TERMINAL_PHASES.has(this.phase)) this.phase = 'offline';
    if (this.send) this.hello();
    else this.emitStatus();
  }

  /** Sends an awareness payload to the room's other devices (dropped when not live). */
  sendEphemeral(payload: Uint8Array): boolean {
    if (this.phase !== 'live' || !this.send) return false;
    this.lastEphemeralClock = Math.max(Date.now() * 1000, this.lastEphemeralClock + 1);
    const envelope = this.sealer.ephemeral(this.lastEphemeralClock, payload);
    return this.send(encodeFrame({ type: 'ephemeral', room: this.roomBytes, envelope }));
  }

  /** Handles one decoded frame addressed to this room (in order: some wait while a key is saved). */
  handle(frame: Frame): void {
    if (this.held) { this.held.push(frame); return; }
    switch (frame.type) {
      case 'challenge': return this.onChallenge(frame.nonce, frame.roomExists);
      case 'snapshot': return this.onSnapshotFrame(frame.envelope, frame.covers);
      case 'envelopes': return this.onEnvelopes(frame.items);
      case 'synced': return this.onSynced(frame.head, frame.snapshotId, frame.snapshotCovers);
      case 'ack': return this.onAck(frame.items);
      case 'snapshotted': return this.onSnapshotted(frame.snapshotId, frame.covers);
      case 'ephemeral': return this.onEphemeral(frame.envelope);
      case 'error': return this.onError(frame.code, frame.envelopeId, frame.message);
      case 'rotation': return this.rotation.record(frame);
      case 'rotated': return this.rotation.rotated(frame.epoch);
      case 'historyEnvelopes': return this.history.envelopes(frame.items);
      case 'historyEnd': return this.history.end(frame.nextSeq, frame.head);
      default: return;
    }
  }

  /** A key is being decided or saved: frames wait, and nothing is pushed meanwhile. */
  private hold(): void {
    this.held ??= [];
    if (this.phase === 'live' || this.phase === 'catching-up') {
      this.phase = 'rekeying';
      this.emitStatus();
    }
  }

  /** Handles the frames that waited, in order; stops again if one of them starts a wait. */
  private release(): void {
    const queue = this.held ?? [];
    this.held = undefined;
    for (let i = 0; i < queue.length; i++) {
      // handle() may have started a new wait (TypeScript narrowed `held` to undefined above).
      const waiting = this.held as Frame[] | undefined;
      if (waiting) { waiting.push(...queue.slice(i)); return; }
      this.handle(queue[i] as Frame);
    }
  }

  // ---- rotation ------------------------------------------------------------------------

  /** A new epoch's key is held and durable. */
  private adopted(epoch: number, own: boolean): void {
    this.ownClock = this.reader.clocks.last(epoch, this.o.author.signPublicKey);
    if (own) {
      // The relay moved this socket to the new epoch: seal under it, and give newcomers a
      // snapshot they can read with K' alone.
      this.authEpoch = epoch;
      this.phase = 'live';
      if (this.canSnapshot()) this.pushSnapshot();
      this.pushOutbox();
      this.batcher.kick();
    } else if (this.phase === 'live' || this.phase === 'catching-up') {
      // This socket proved the old key: it must join again (`settle`). Offline or mid-handshake,
      // the next challenge is answered with the new key anyway.
      this.phase = 'rekeying';
    }
    this.emitStatus();
  }

  /** The room cannot follow a rotation: it stays as it is on this device. */
  private stopped(phase: 'revoked' | 'untrusted-rotation' | 'refused', code: string, message: string): void {
    this.phase = phase;
    this.inFlight = undefined;
    this.snapshots.inFlight = undefined;
    this.problem(code, message);
    this.batcher.flushNow();
    const unsent = this.outbox.size;
    if (unsent > 0 && phase !== 'refused') {
      this.problem('unsent_changes', `${unsent} change(s) made on this device were not sent before access changed: they stay on this device only`);
    }
    this.emitStatus();
  }

  /**
   * After the records were handled: with a newer key than the socket proved, join again with it;
   * told the key is old but given nothing to follow, stop.
   */
  private settle(): void {
    if (this.rotation.busy || this.phase !== 'rekeying') return;
    if (this.keys.epoch > this.authEpoch) {
      if (this.send) this.hello();
      return;
    }
    this.phase = 'refused';
    this.problem('rotation_missing', 'The relay says this device\'s key is old but sent no rotation it could follow');
    this.emitStatus();
  }

  // ---- session -------------------------------------------------------------------------

  private hello(): void {
    this.phase = 'authenticating';
    this.inFlight = undefined;
    this.sendFrame({ type: 'hello', protocolVersion: PROTOCOL_VERSION, room: this.roomBytes, since: this.head });
    this.emitStatus();
  }

  private resync(reason: string): void {
    this.problem('resync', `Resynchronisation (${reason})`);
    this.sendFrame({ type: 'leave', room: this.roomBytes });
    this.hello();
  }

  private onChallenge(nonce: Uint8Array, roomExists: boolean): void {
    if (this.phase !== 'authenticating') return;
    const epoch = this.keys.epoch;
    const sub = this.keys.subkeysForEpoch(epoch);
    if (!sub) throw new Error('no subkeys for the current epoch');
    const { publicKey, privateKey } = sub.relayAuth;
    this.nonce = nonce.slice();
    this.authEpoch = epoch;
    if (roomExists) {
      this.sendFrame({ type: 'auth', room: this.roomBytes, signature: signRelayAuth(privateKey, this.roomBytes, nonce) });
    } else {
      const signature = signRoomCreate(privateKey, this.roomBytes, epoch, publicKey, nonce);
      this.sendFrame({ type: 'create', room: this.roomBytes, epoch, relayAuthPublicKey: publicKey, signature });
    }
    this.phase = 'catching-up';
    this.emitStatus();
  }

  private onSynced(head: number, snapshotId: Uint8Array, snapshotCovers: number): void {
    if (this.phase !== 'catching-up') return;
    this.snapshots.note(snapshotId, snapshotCovers);
    if (this.head < head) return this.resync(`head ${this.head} < ${head}`);
    if (this.head > head) {
      // The relay seems to hold less than it once acknowledged. Ask once more (a delayed frame
      // can look like this); if it says so again, it was restored from an older backup: say
      // so loudly, then follow its numbering so that new changes keep arriving.
      if (!this.rollbackSuspected) { this.rollbackSuspected = true; return this.resync(`relay head ${head} < ${this.head}`); }
      this.problem('relay_rollback', `The relay's log ends at ${head} but this device had received up to ${this.head}.`);
      this.head = head;
    }
    this.rollbackSuspected = false;
    this.phase = 'live';
    this.lastSyncedAt = Date.now();
    this.pushOutbox();
    this.batcher.kick();
    this.emitStatus();
  }

  // ---- receiving -----------------------------------------------------------------------

  private onSnapshotFrame(bytes: Uint8Array, covers: number): void {
    if (this.phase === 'offline' || this.phase === 'authenticating') return;
    const updates: Uint8Array[] = [];
    if (this.applySnapshotEnvelope(bytes, covers, true, updates)) {
      this.o.doc.transact(() => { for (const u of updates) Y.applyUpdate(this.o.doc, u); }, REMOTE_ORIGIN);
    }
  }

  /** Verifies a snapshot envelope and, when it is ahead of us, queues its state. Returns whether it was used. */
  private applySnapshotEnvelope(bytes: Uint8Array, covers: number, store: boolean, out: Uint8Array[]): boolean {
    const opened = this.sealer.open(bytes);
    if (!opened.ok) { this.problem(opened.code, `Snapshot refused: ${opened.message}`); return false; }
    const { header, plaintext, id } = opened.value;
    const snap = header.snapshot;
    if (header.kind !== 'snapshot' || !snap || snap.covers !== covers) { this.problem('snapshot_invalid', 'Snapshot header does not match its frame'); return false; }
    this.snapshots.note(snap.id, snap.covers);
    this.snapshots.noteSize(bytes.byteLength);
    if (snap.covers <= this.head) return false;
    this.head = snap.covers;
    for (const c of snap.coveredClocks) this.reader.clocks.note(header.epoch, c.author, c.clock);
    this.reader.noteEpoch(header.epoch);
    if (header.epoch === this.keys.epoch) this.ownClock = Math.max(this.ownClock, this.reader.clocks.last(header.epoch, this.o.author.signPublicKey));
    out.push(plaintext);
    this.snapshots.localTail = 0;
    if (store) this.persistWrite(() => this.o.store.compact(this.roomKey, { id: toHex(id), bytes, covers: snap.covers }));
    this.emitStatus();
    return true;
  }

  private onEnvelopes(items: readonly SeqEnvelope[]): void {
    if (this.phase !== 'catching-up' && this.phase !== 'live') return;
    const updates: Uint8Array[] = [];
    const stored: LogEntry[] = [];
    for (const item of items) {
      if (item.seq <= this.head) continue;
      if (item.seq !== this.head + 1) { this.flushReceived(updates, stored); return this.resync(`gap before seq ${item.seq}`); }
      this.head = item.seq;
      const id = this.receive(item.envelope, item.seq, updates);
      stored.push({ id, bytes: item.envelope, seq: item.seq });
    }
    if (this.phase === 'live' && stored.length) this.lastSyncedAt = Date.now();
    this.flushReceived(updates, stored);
    this.maybeSnapshot(false);
  }

  private flushReceived(updates: Uint8Array[], stored: LogEntry[]): void {
    if (updates.length) this.o.doc.transact(() => { for (const u of updates) Y.applyUpdate(this.o.doc, u); }, REMOTE_ORIGIN);
    if (stored.length) {
      this.snapshots.localTail += stored.length;
      this.persistWrite(() => this.o.store.append(this.roomKey, stored));
    }
    this.emitStatus();
  }

  /** Reads one envelope of the seq-ordered stream, queueing its update; returns its id (hex). */
  private receive(bytes: Uint8Array, seq: number, out: Uint8Array[]): string {
    const read = this.reader.ordered(bytes, seq);
    if (read.update) out.push(read.update);
    if (read.header) this.noteOwnClock(read.header);
    return read.id;
  }

  /** Our own envelopes on the stream (another session of this identity) advance our clock. */
  private noteOwnClock(header: EnvelopeHeader): void {
    if (header.epoch === this.keys.epoch && toHex(header.author) === this.authorHex) {
      this.ownClock = Math.max(this.ownClock, this.reader.clocks.last(header.epoch, header.author));
    }
  }

  /** Applies an entry of the local log at open: acknowledged ones advance head, pending ones refill the outbox. */
  private loadEntry(entry: LogEntry, out: Uint8Array[]): void {
    if (entry.seq !== null) {
      if (entry.seq <= this.head) return;
      this.head = entry.seq;
      this.snapshots.localTail++;
      this.receive(entry.bytes, entry.seq, out);
      return;
    }
    const opened = this.sealer.open(entry.bytes);
    if (!opened.ok) { this.problem(opened.code, `Stored envelope refused: ${opened.message}`); return; }
    const { epoch, clock } = opened.value.header;
    if (epoch === this.keys.epoch) this.ownClock = Math.max(this.ownClock, clock);
    this.outbox.add({ id: entry.id, bytes: entry.bytes, epoch, clock, durable: true });
    const update = this.reader.absorb(this.authorHex, opened.value.plaintext);
    if (update) out.push(update);
  }

  private onEphemeral(bytes: Uint8Array): void {
    const opened = this.sealer.open(bytes);
    if (!opened.ok || opened.value.header.kind !== 'ephemeral') return;
    const author = toHex(opened.value.header.author);
    if (!checkClock('ephemeral', this.ephemeralClocks.get(author) ?? 0, opened.value.header.clock).ok) return;
    this.ephemeralClocks.set(author, opened.value.header.clock);
    this.o.onEphemeral?.(opened.value.plaintext, author);
    for (const listener of this.ephemeralListeners) listener(opened.value.plaintext, author);
  }

  // ---- sending -------------------------------------------------------------------------

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === REMOTE_ORIGIN) return;
    this.batcher.add(update);
    this.emitStatus();
  };

  /**
   * Seals a (merged) local update into the outbox — in several envelopes of consecutive
   * clocks when it is larger than one envelope may be; each is pushed once it is durable.
   */
  private sealUpdate(update: Uint8Array): void {
    const epoch = this.keys.epoch;
    const items: OutboxItem[] = frameUpdate(update).map((plaintext) => {
      const clock = ++this.ownClock;
      const bytes = this.sealer.update(clock, plaintext);
      return { id: toHex(envelopeId(bytes)), bytes, epoch, clock, durable: false };
    });
    for (const item of items) this.outbox.add(item);
    this.persistWrite(async () => {
      await this.o.store.append(this.roomKey, items.map((item) => ({ id: item.id, bytes: item.bytes, seq: null })));
      for (const item of items) item.durable = true;
      this.pushOutbox();
    });
    this.emitStatus();
  }

  /** Pushes the durable head of the outbox, one frame in flight at a time. */
  private pushOutbox(): void {
    if (this.phase !== 'live' || this.inFlight || !this.send || this.rotation.requesting) return;
    const batch = this.outbox.nextBatch(this.o.maxEnvelopeBytes ?? 1_000_000);
    if (!batch.length) return;
    if (this.sendFrame({ type: 'push', room: this.roomBytes, envelopes: batch.map((x) => x.bytes) })) {
      this.inFlight = new Set(batch.map((x) => x.id));
    }
  }

  private onAck(items: ReadonlyArray<{ id: Uint8Array; seq: number }>): void {
    const acks: Array<{ id: string; seq: number }> = [];
    let gap = false;
    for (const { id: rawId, seq } of items) {
      const id = toHex(rawId);
      if (this.snapshots.inFlight?.id === id) { this.onSnapshotAck(); continue; }
      this.inFlight?.delete(id);
      const item = this.outbox.take(id);
      if (!item) continue;
      acks.push({ id, seq });
      if (seq === this.head + 1) {
        this.head = seq;
        this.snapshots.localTail++;
        this.reader.clocks.note(item.epoch, this.o.author.signPublicKey, item.clock);
      } else if (seq > this.head) gap = true;
    }
    if (acks.length) {
      this.persistWrite(() => this.o.store.acknowledge(this.roomKey, acks));
      this.lastSyncedAt = Date.now();
    }
    // Only the ack of the whole push in flight opens the way for the next one (a snapshot's
    // ack or a repeated ack must not: that re-sent pushes still in flight).
    if (this.inFlight?.size === 0) this.inFlight = undefined;
    if (!this.inFlight && this.stale.length) this.resealItems(this.stale.splice(0));
    if (gap) return this.resync('ack ahead of head');
    if (acks.length) this.armIdleSnapshot();
    this.maybeSnapshot(acks.length > 0);
    this.pushOutbox();
    this.batcher.kick();
    this.emitStatus();
  }

  private onError(code: number, rawEnvelopeId: Uint8Array, message: string): void {
    const name = errorCodeName(code) ?? `error_${code}`;
    const id = toHex(rawEnvelopeId);
    if (this.snapshots.inFlight && this.snapshots.inFlight.id === id) {
      this.snapshots.inFlight = undefined;
      if (name !== 'snapshot_conflict') this.problem(name, `Snapshot refused by the relay: ${message}`);
      return;
    }
    // Two devices creating the same room at once: the loser simply authenticates.
    if (code === ErrorCode.room_exists) return this.hello();
    if (code === ErrorCode.rotate_conflict || code === ErrorCode.rotate_invalid) {
      // rotate_conflict: the winner's records follow, handled like any record.
      this.rotation.refused(code === ErrorCode.rotate_conflict ? 'rotate_conflict' : 'rotate_invalid', message);
      if (code === ErrorCode.rotate_invalid) this.problem('rotate_invalid', `Relay: ${message}`);
      return;
    }
    if (code === ErrorCode.key_rotated) return this.onKeyRotated(message);
    // Another device snapshotted first (the current snapshot frame follows): a normal race.
    if (code === ErrorCode.snapshot_conflict) return;
    const ours = this.outbox.has(id);
    this.inFlight?.delete(id);
    if (this.inFlight?.size === 0) this.inFlight = undefined;
    if (ours && code === ErrorCode.envelope_epoch) return this.onStaleEpoch(id);
    this.problem(name, `Relay: ${message}`);
    if (code === ErrorCode.room_not_found || code === ErrorCode.auth_failed) {
      this.phase = 'refused';
      this.emitStatus();
      return;
    }
    if (code === ErrorCode.not_authenticated || code === ErrorCode.no_challenge) {
      this.history.refused('not_authenticated', message);
      this.rotation.refused('not_authenticated', message);
      if (TERMINAL_PHASES.has(this.phase)) return;
      return this.hello();
    }
    if (ours && (code === ErrorCode.envelope_clock_gap || code === ErrorCode.envelope_clock_replay)) {
      this.inFlight = undefined;
      if (this.stale.length) this.resealItems(this.stale.splice(0));
      if (code === ErrorCode.envelope_clock_replay) this.resealOutbox();
      else this.pushOutbox();
      return;
    }
    if (code === ErrorCode.rate_limited) {
      // A refusal names no frame: a push in flight was sent before any rotate or history.
      if (this.history.active) this.history.refused('rate_limited', message);
      else if (!this.inFlight) this.rotation.refused('rate_limited', message);
    }
    if (code === ErrorCode.rate_limited || code === ErrorCode.internal) {
      // Many rooms joining at once (a device with hundreds of cartelle reconnecting) can hit
      // the relay's rate, and a relay fault refuses a push whole: retry after a jittered
      // pause, the handshake or the push.
      if (this.phase !== 'live' && this.phase !== 'authenticating' && this.phase !== 'catching-up') return;
      const retry = this.phase === 'live' ? () => { this.inFlight = undefined; this.pushOutbox(); } : () => this.hello();
      (this.o.scheduler ?? defaultScheduler)(() => { if (this.send) retry(); }, 500 + Math.floor(Math.random() * 1000));
    }
  }

  /**
   * The relay says this socket's key is old (a rotation; the records came first and are being
   * handled or were): nothing of the push in flight was stored. Wait for the records.
   */
  private onKeyRotated(message: string): void {
    this.history.stop('key_rotated', message);
    this.rotation.refused('key_rotated', message);
    this.inFlight = undefined;
    this.snapshots.inFlight = undefined;
    if (TERMINAL_PHASES.has(this.phase) || this.phase === 'refused') return;
    this.phase = 'rekeying';
    this.emitStatus();
    this.settle();
  }

  /**
   * One of our envelopes is of an epoch the room has left: if it is older than the key we hold
   * now, seal its content again under the current epoch once the push is answered (an envelope
   * the relay stored before the rotation is acked, never refused, so nothing is sent twice).
   */
  private onStaleEpoch(id: string): void {
    const item = this.outbox.take(id);
    if (!item) return;
    if (item.epoch >= this.keys.epoch) {
      // The room moved past the key we hold: the rotation's records will tell us.
      this.outbox.add(item);
      this.problem('envelope_epoch', 'The relay refused a change: this device\'s key is not the room\'s current one');
      return;
    }
    this.stale.push(item);
    if (!this.inFlight) {
      this.resealItems(this.stale.splice(0));
      this.pushOutbox();
    }
  }

  /**
   * Our clock collided with envelopes the relay already holds under our key (a restored
   * device, a second tab): seal the outbox's changes again with clocks after the highest we
   * have seen, so nothing written here is lost.
   */
  private resealOutbox(): void {
    this.resealItems(this.outbox.drain());
  }

  /** Seals the content of `items` again as one change with fresh clocks of the current epoch; removes the old entries. */
  private resealItems(items: OutboxItem[]): void {
    const plaintexts: Uint8Array[] = [];
    const own = new PartAssembler();
    for (const item of items) {
      const opened = this.sealer.open(item.bytes);
      if (!opened.ok) continue;
      const framed = parseFramedUpdate(opened.value.plaintext);
      if (!framed.ok) continue;
      if (framed.value.kind === 'whole') plaintexts.push(framed.value.update);
      else {
        const whole = own.add(this.authorHex, framed.value);
        if (whole.ok && whole.value) plaintexts.push(whole.value);
      }
    }
    const old = items.map((x) => x.id);
    this.ownClock = Math.max(this.ownClock, this.reader.clocks.last(this.keys.epoch, this.o.author.signPublicKey));
    // The new envelope is written before the old ones go: a crash in between re-seals twice
    // (the same content, harmless to Yjs) rather than losing it.
    if (plaintexts.length) this.sealUpdate(Y.mergeUpdates(plaintexts));
    this.persistWrite(() => this.o.store.remove(this.roomKey, old));
  }

  // ---- snapshots -----------------------------------------------------------------------

  private onSnapshotted(id: Uint8Array, covers: number): void {
    this.snapshots.note(id, covers);
    this.maybeSnapshot(false);
  }

  /**
   * After our own ack crossed the threshold, seal the full state and offer it to the relay
   * (compare-and-swap on the parent). Others only compact their local log.
   */
  private maybeSnapshot(ownAck: boolean): void {
    if (!this.canSnapshot()) return;
    if (ownAck && this.snapshots.dueOnOwnAck(this.head)) return this.pushSnapshot();
    if (this.snapshots.dueLocalCompaction()) {
      const sealed = this.sealSnapshot();
      this.snapshots.localTail = 0;
      this.persistWrite(() => this.o.store.compact(this.roomKey, { id: sealed.id, bytes: sealed.bytes, covers: sealed.covers }));
    }
  }

  /** Live, and no large update half received (not in the document yet: a snapshot now would lose it). */
  private canSnapshot(): boolean {
    return this.phase === 'live' && !this.snapshots.inFlight && !this.reader.incomplete;
  }

  private pushSnapshot(): void {
    const sealed = this.sealSnapshot();
    this.snapshots.noteSize(sealed.bytes.byteLength);
    if (sealed.bytes.byteLength > (this.o.maxEnvelopeBytes ?? 1_000_000)) {
      this.snapshots.tooLarge(this.head);
      this.problem('snapshot_too_large', `Snapshot of ${sealed.bytes.byteLength} bytes exceeds the relay's limit`);
      return;
    }
    this.snapshots.inFlight = sealed;
    this.sendFrame({ type: 'push', room: this.roomBytes, envelopes: [sealed.bytes] });
  }

  /**
   * After this device's last acknowledged change, if nobody wrote since and typing stopped for
   * `idleSnapshotMs`, snapshot even below the threshold: most documents are opened long after
   * their last edit, and a new device then loads the snapshot with (almost) no tail.
   */
  private armIdleSnapshot(): void {
    const ms = this.o.idleSnapshotMs ?? 5000;
    if (ms <= 0) return;
    this.cancelIdleSnapshot?.();
    const ackedAt = this.head;
    this.cancelIdleSnapshot = (this.o.scheduler ?? defaultScheduler)(() => {
      this.cancelIdleSnapshot = undefined;
      const quiet = this.head === ackedAt && !this.inFlight && this.outbox.size === 0 && !this.batcher.hasPending;
      if (quiet && this.canSnapshot() && this.snapshots.dueWhenIdle(this.head)) this.pushSnapshot();
    }, ms);
  }

  private sealSnapshot(): SealedSnapshot {
    const snapshotId = randomBytes(16);
    const coveredClocks = this.reader.clocks.covered(this.keys.epoch);
    const header = { id: snapshotId, parent: this.snapshots.id, covers: this.head, coveredClocks };
    const bytes = this.sealer.snapshot(header, Y.encodeStateAsUpdate(this.o.doc));
    return { id: toHex(envelopeId(bytes)), bytes, covers: this.head, snapshotId };
  }

  private onSnapshotAck(): void {
    const s = this.snapshots.accepted(this.head);
    if (!s) return;
    const snapshot: StoredSnapshot = { id: s.id, bytes: s.bytes, covers: s.covers };
    this.persistWrite(() => this.o.store.compact(this.roomKey, snapshot));
  }

  // ---- plumbing ------------------------------------------------------------------------

  private sendFrame(frame: Frame): boolean {
    return this.send ? this.send(encodeFrame(frame)) : false;
  }

  /** Serialises store writes so that the log's order is the order of events. */
  private persistWrite(write: () => Promise<void>): void {
    this.persist = this.persist.then(write).catch((e: unknown) => {
      this.problem('store_failed', `Local store write failed: ${e instanceof Error ? e.message : String(e)}`);
    });
  }

  private problem(code: string, message: string, seq?: number): void {
    this.dispatch({ type: 'problem', code, message, ...(seq === undefined ? {} : { seq }) });
  }

  private emitStatus(): void {
    this.dispatch({ type: 'status', status: this.status });
  }

  private dispatch(event: RoomEvent): void {
    this.o.onEvent?.(event);
    for (const listener of this.listeners) listener(event);
  }

  /** Adds a listener of status and problem events; returns its removal. */
  subscribe(listener: (event: RoomEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds a listener of awareness payloads from other devices; returns its removal. */
  subscribeEphemeral(listener: (payload: Uint8Array, authorHex: string) => void): () => void {
    this.ephemeralListeners.add(listener);
    return () => this.ephemeralListeners.delete(listener);
  }
}

const defaultScheduler: Scheduler = (fn, ms) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};
