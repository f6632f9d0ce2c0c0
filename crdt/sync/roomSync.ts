/**
 * @module crdt/sync/roomSync
 * The sync engine for one room (one part of a cartella: one Y.Doc, one key, one relay room).
 * It owns the road a change travels: local Yjs update → batch → sealed envelope → durable
 * outbox → push → ack; and back: relay envelopes in seq order → verify → clock check →
 * apply. It snapshots the full state every ~300 updates (compare-and-swap on the relay) and
 * opens from the latest local snapshot plus its tail. It speaks frames through `send`; the
 * `SyncClient` owns the transport and routes frames here.
 */
import * as Y from 'yjs';
import { checkClock, envelopeId, randomBytes, roomIdToBase64Url, signRelayAuth, signRoomCreate, toHex } from '../../crypto';
import type { EnvelopeHeader, RoomId } from '../../crypto';
import { ErrorCode, PROTOCOL_VERSION, errorCodeName, type Frame, type SeqEnvelope, encodeFrame } from '../wire';
import type { LogEntry, RoomKey, StoredSnapshot } from './ports';
import { LogReader } from './logReader';
import { Outbox, type OutboxItem } from './outbox';
import { RoomSealer } from './roomSealer';
import { REMOTE_ORIGIN, type RoomEvent, type RoomPhase, type RoomStatus, type RoomSyncOptions } from './roomTypes';
import { OutgoingBatcher, type Scheduler } from './outgoingBatcher';
import { SnapshotPolicy, type SealedSnapshot } from './snapshotPolicy';
import { frameUpdate, parseFramedUpdate, PartAssembler } from './updateFraming';

export * from './roomTypes';


/** One room's engine. Call `open()` once, then `connected(send)` / `disconnected()` as the transport changes. */
export class RoomSync {
  readonly roomKey: RoomKey;
  readonly roomBytes: RoomId;
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

  constructor(options: RoomSyncOptions) {
    this.o = options;
    this.roomBytes = options.keys.roomId;
    this.roomKey = roomIdToBase64Url(options.keys.roomId) as RoomKey;
    this.authorHex = toHex(options.author.signPublicKey);
    this.sealer = new RoomSealer(options.keys, options.author);
    this.reader = new LogReader(this.sealer, (code, message, seq) => this.problem(code, message, seq));
    this.snapshots = new SnapshotPolicy({ max: options.snapshotEvery ?? 300, min: options.minSnapshotEvery ?? 50 });
    this.batcher = new OutgoingBatcher({
      intervalMs: options.batchIntervalMs ?? 30,
      offlineMs: options.offlineBatchMs ?? 500,
      scheduler: options.scheduler,
      canSendNow: () => this.phase === 'live' && !this.inFlight,
      isOnline: () => this.phase === 'live',
      seal: (update) => this.sealUpdate(update),
    });
  }

  /** Loads the local log (snapshot + tail) into the doc, verifying every envelope, and starts listening for local edits. */
  async open(): Promise<void> {
    const log = await this.o.store.loadRoom(this.roomKey);
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
      pending: this.outbox.size + (this.batcher.hasPending ? 1 : 0),
      head: this.head,
      lastSyncedAt: this.lastSyncedAt,
    };
  }

  /** The transport is open: say hello. */
  connected(send: (frame: Uint8Array) => boolean): void {
    this.send = send;
    this.hello();
  }

  /** The transport closed: what is in flight will be re-pushed from the outbox. */
  disconnected(): void {
    this.send = undefined;
    this.inFlight = undefined;
    this.snapshots.inFlight = undefined;
    if (this.phase !== 'refused') this.phase = 'offline';
    this.emitStatus();
  }

  /** Sends an awareness payload to the room's other devices (dropped when not live). */
  sendEphemeral(payload: Uint8Array): boolean {
    if (this.phase !== 'live' || !this.send) return false;
    this.lastEphemeralClock = Math.max(Date.now() * 1000, this.lastEphemeralClock + 1);
    const envelope = this.sealer.ephemeral(this.lastEphemeralClock, payload);
    return this.send(encodeFrame({ type: 'ephemeral', room: this.roomBytes, envelope }));
  }

  /** Handles one decoded frame addressed to this room. */
  handle(frame: Frame): void {
    switch (frame.type) {
      case 'challenge': return this.onChallenge(frame.nonce, frame.roomExists);
      case 'snapshot': return this.onSnapshotFrame(frame.envelope, frame.covers);
      case 'envelopes': return this.onEnvelopes(frame.items);
      case 'synced': return this.onSynced(frame.head, frame.snapshotId, frame.snapshotCovers);
      case 'ack': return this.onAck(frame.items);
      case 'snapshotted': return this.onSnapshotted(frame.snapshotId, frame.covers);
      case 'ephemeral': return this.onEphemeral(frame.envelope);
      case 'error': return this.onError(frame.code, frame.envelopeId, frame.message);
      default: return;
    }
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
    const sub = this.o.keys.subkeysForEpoch(this.o.keys.epoch);
    if (!sub) throw new Error('no subkeys for the current epoch');
    const { publicKey, privateKey } = sub.relayAuth;
    if (roomExists) {
      this.sendFrame({ type: 'auth', room: this.roomBytes, signature: signRelayAuth(privateKey, this.roomBytes, nonce) });
    } else {
      const signature = signRoomCreate(privateKey, this.roomBytes, this.o.keys.epoch, publicKey, nonce);
      this.sendFrame({ type: 'create', room: this.roomBytes, epoch: this.o.keys.epoch, relayAuthPublicKey: publicKey, signature });
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
    if (header.epoch === this.o.keys.epoch) this.ownClock = Math.max(this.ownClock, this.reader.clocks.last(header.epoch, this.o.author.signPublicKey));
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
    if (header.epoch === this.o.keys.epoch && toHex(header.author) === this.authorHex) {
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
    this.ownClock = Math.max(this.ownClock, opened.value.header.clock);
    this.outbox.add({ id: entry.id, bytes: entry.bytes, clock: opened.value.header.clock, durable: true });
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
    const items: OutboxItem[] = frameUpdate(update).map((plaintext) => {
      const clock = ++this.ownClock;
      const bytes = this.sealer.update(clock, plaintext);
      return { id: toHex(envelopeId(bytes)), bytes, clock, durable: false };
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
    if (this.phase !== 'live' || this.inFlight || !this.send) return;
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
        this.reader.clocks.note(this.o.keys.epoch, this.o.author.signPublicKey, item.clock);
      } else if (seq > this.head) gap = true;
    }
    if (acks.length) {
      this.persistWrite(() => this.o.store.acknowledge(this.roomKey, acks));
      this.lastSyncedAt = Date.now();
    }
    // Only the ack of the whole push in flight opens the way for the next one (a snapshot's
    // ack or a repeated ack must not: that re-sent pushes still in flight).
    if (this.inFlight?.size === 0) this.inFlight = undefined;
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
    // Another device snapshotted first (the current snapshot frame follows): a normal race.
    if (code === ErrorCode.snapshot_conflict) return;
    const ours = this.outbox.has(id);
    this.inFlight?.delete(id);
    if (this.inFlight?.size === 0) this.inFlight = undefined;
    this.problem(name, `Relay: ${message}`);
    if (code === ErrorCode.room_not_found || code === ErrorCode.auth_failed) {
      this.phase = 'refused';
      this.emitStatus();
      return;
    }
    if (code === ErrorCode.not_authenticated || code === ErrorCode.no_challenge) return this.hello();
    if (ours && (code === ErrorCode.envelope_clock_gap || code === ErrorCode.envelope_clock_replay)) {
      this.inFlight = undefined;
      if (code === ErrorCode.envelope_clock_replay) this.resealOutbox();
      else this.pushOutbox();
      return;
    }
    if (code === ErrorCode.rate_limited || code === ErrorCode.internal) {
      // Many rooms joining at once (a device with hundreds of cartelle reconnecting) can hit
      // the relay's rate, and a relay fault refuses a push whole: retry after a jittered
      // pause, the handshake or the push.
      const retry = this.phase === 'live' ? () => { this.inFlight = undefined; this.pushOutbox(); } : () => this.hello();
      (this.o.scheduler ?? defaultScheduler)(() => { if (this.send) retry(); }, 500 + Math.floor(Math.random() * 1000));
    }
  }

  /**
   * Our clock collided with envelopes the relay already holds under our key (a restored
   * device, a second tab): seal the outbox's changes again with clocks after the highest we
   * have seen, so nothing written here is lost.
   */
  private resealOutbox(): void {
    const items = this.outbox.drain();
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
    this.ownClock = Math.max(this.ownClock, this.reader.clocks.last(this.o.keys.epoch, this.o.author.signPublicKey));
    this.persistWrite(() => this.o.store.remove(this.roomKey, old));
    if (plaintexts.length) this.sealUpdate(Y.mergeUpdates(plaintexts));
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
    const coveredClocks = this.reader.clocks.covered(this.o.keys.epoch);
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
