/**
 * @module server/roomHub
 * One active room on this relay process: its serial queue, the sessions that joined it, which
 * of them are live (caught up, receiving fan-out), `deliveredHead` — the seq up to which every
 * live socket has been sent the log — and `epoch`, the key epoch this process has announced to
 * its sessions. Fan-out frames are built once per chunk and the same bytes go to every live
 * socket; a rotation record is framed once and offered to every member.
 */
import { encodeEnvelopesFrame, encodeFrame, ENVELOPES_FRAME_HEADER_BYTES, ENVELOPES_ITEM_HEADER_BYTES } from '../crdt/wire';
import type { SeqEnvelope } from '../crdt/wire';
import type { RelayLimits } from './limits';
import { roomTag } from './log';
import { SerialQueue } from './serialQueue';
import type { RelayStore, RotationRecord } from './store/RelayStore';

/** A session as a room sees it. */
export interface HubMember {
  readonly id: number;
  /** Sends a frame, closing the socket with 1013 when its queue is over the limit. */
  sendFrame(frame: Uint8Array): void;
  /**
   * The room rotated to `toEpoch`; `frame` is the encoded `rotation` record. Called inside the
   * room's queue for every member: the member decides whether it is cut off, told, or neither.
   */
  roomRotated(hub: RoomHub, toEpoch: number, frame: Uint8Array): void;
}

/** The `rotation` frame of a stored record. */
export function rotationFrame(room: Uint8Array, record: RotationRecord): Uint8Array {
  return encodeFrame({
    type: 'rotation',
    room,
    fromEpoch: record.fromEpoch,
    toEpoch: record.toEpoch,
    newRelayAuthPublicKey: record.relayAuthPublicKey,
    nonce: record.nonce,
    signature: record.signature,
    keyBoxes: record.keyBoxes,
  });
}

/** Splits seq-ordered envelopes into frame-sized chunks (count and byte bounds of `limits`). */
export function chunkEnvelopes(items: readonly SeqEnvelope[], limits: RelayLimits): SeqEnvelope[][] {
  const chunks: SeqEnvelope[][] = [];
  let current: SeqEnvelope[] = [];
  let bytes = ENVELOPES_FRAME_HEADER_BYTES;
  for (const item of items) {
    const size = ENVELOPES_ITEM_HEADER_BYTES + item.envelope.length;
    if (current.length > 0 && (current.length >= limits.catchUpEnvelopesPerFrame || bytes + size > limits.catchUpBytesPerFrame)) {
      chunks.push(current);
      current = [];
      bytes = ENVELOPES_FRAME_HEADER_BYTES;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Envelope bytes that fit in one catch-up frame next to `limit` item headers. */
export function pageBytes(limits: RelayLimits): number {
  return Math.max(1, limits.catchUpBytesPerFrame - ENVELOPES_FRAME_HEADER_BYTES - ENVELOPES_ITEM_HEADER_BYTES * limits.catchUpEnvelopesPerFrame);
}

export class RoomHub {
  readonly room: Uint8Array;
  readonly key: string;
  readonly tag: string;
  readonly queue = new SerialQueue();
  /** Sessions authenticated in this room: catching up, live, or holding an old epoch's key. */
  readonly members = new Set<HubMember>();
  /** Sessions that receive fan-out. */
  readonly live = new Set<HubMember>();
  #deliveredHead = -1;
  #epoch = -1;

  constructor(room: Uint8Array, key: string) {
    this.room = room;
    this.key = key;
    this.tag = roomTag(room);
  }

  /** Seq up to which live sockets have everything; loaded from the store on first use. */
  get deliveredHead(): number {
    if (this.#deliveredHead < 0) throw new Error('RoomHub used before load() (call it inside a queued task)');
    return this.#deliveredHead;
  }

  /** The room's key epoch as announced to this process's sessions; loaded with the head. */
  get epoch(): number {
    if (this.#epoch < 0) throw new Error('RoomHub used before load() (call it inside a queued task)');
    return this.#epoch;
  }

  /** Reads the head and epoch once per hub. Call at the start of every queued task. */
  async load(store: RelayStore): Promise<void> {
    if (this.#deliveredHead >= 0) return;
    const room = await store.getRoom(this.room);
    this.#deliveredHead = room?.head ?? 0;
    this.#epoch = room?.epoch ?? 0;
  }

  /** A rotation this process committed (inside the queue): every member is told. */
  rotated(record: RotationRecord): void {
    this.#announce(record);
  }

  /**
   * Catches up with rotations committed by another process sharing the store, up to `epoch`
   * (seen in a room read, a commit result or a store notification): each record is announced
   * in order, so old-key sessions are cut off before anything of the new epoch reaches them.
   */
  async observeEpoch(store: RelayStore, epoch: number): Promise<void> {
    while (this.epoch < epoch) {
      const records = await store.readRotations(this.room, this.epoch, 16);
      if (records.length === 0) {
        this.#epoch = epoch;
        return;
      }
      for (const record of records) this.#announce(record);
    }
  }

  #announce(record: RotationRecord): void {
    this.#epoch = Math.max(this.#epoch, record.toEpoch);
    const frame = rotationFrame(this.room, record);
    for (const member of [...this.members]) member.roomRotated(this, record.toEpoch, frame);
  }

  /** Sends `frame` to every live member except `except`. */
  broadcast(frame: Uint8Array, except?: HubMember): void {
    for (const member of this.live) if (member !== except) member.sendFrame(frame);
  }

  /**
   * Fans out envelopes just committed (ascending seqs). If another relay process committed in
   * between (a shared store), the missing range is read and sent to everyone first, so live
   * sockets always see the log in order and without holes.
   */
  async fanOut(store: RelayStore, items: readonly SeqEnvelope[], limits: RelayLimits, except?: HubMember): Promise<void> {
    const first = items[0];
    if (first === undefined) return;
    await this.deliverUpTo(store, first.seq - 1, limits);
    for (const chunk of chunkEnvelopes(items, limits)) this.broadcast(encodeEnvelopesFrame(this.room, chunk), except);
    this.#deliveredHead = Math.max(this.#deliveredHead, (items[items.length - 1] as SeqEnvelope).seq);
  }

  /** Sends live members what the log holds in (deliveredHead, head] (commits of other processes). */
  async deliverUpTo(store: RelayStore, head: number, limits: RelayLimits): Promise<void> {
    while (this.deliveredHead < head) {
      const page = await store.readAfter(this.room, this.deliveredHead, {
        limit: limits.catchUpEnvelopesPerFrame,
        maxBytes: pageBytes(limits),
        upTo: head,
      });
      const last = page[page.length - 1];
      if (last === undefined) break;
      this.broadcast(encodeEnvelopesFrame(this.room, page));
      this.#deliveredHead = last.seq;
    }
  }
}
