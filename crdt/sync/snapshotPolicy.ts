/**
 * @module crdt/sync/snapshotPolicy
 * When a room's engine snapshots, and what it knows about snapshots: the relay's current one
 * (the parent of the next compare-and-swap), the one in flight, the adaptive interval, and
 * how long the local log has grown since its last compaction. No I/O: `RoomSync` seals,
 * pushes and stores; this decides.
 */

/** A snapshot envelope sealed by this device. */
export interface SealedSnapshot {
  /** Envelope id (hex). */
  readonly id: string;
  readonly bytes: Uint8Array;
  readonly covers: number;
  /** The snapshot id of its header. */
  readonly snapshotId: Uint8Array;
}

/** Fewer updates than this after the last snapshot are not worth an idle snapshot. */
export const MIN_IDLE_SNAPSHOT_TAIL = 10;

export class SnapshotPolicy {
  /** The relay's current snapshot as far as this device knows (16 zero bytes: none). */
  id: Uint8Array = new Uint8Array(16);
  covers = 0;
  /** Acknowledged entries in the local log since its last compaction. */
  localTail = 0;
  /** Our snapshot awaiting the relay's answer. */
  inFlight: SealedSnapshot | undefined;
  private lastBytes: number | undefined;
  private refusedAt = 0;

  constructor(private readonly settings: { readonly max: number; readonly min: number }) {}

  /** The relay's current snapshot moved (a `synced`, `snapshotted` or `snapshot` frame, or our ack). */
  note(id: Uint8Array, covers: number): void {
    if (covers >= this.covers) { this.id = id.slice(); this.covers = covers; }
  }

  /** Size of the latest snapshot seen or sealed (drives the adaptive interval). */
  noteSize(bytes: number): void {
    this.lastBytes = bytes;
  }

  /**
   * Updates past the last snapshot after which to snapshot again: the configured maximum
   * (300), lowered for small documents down to the minimum (50) — about one update per 4 KiB
   * of snapshot — so that a new device replays a tail that costs a fraction of loading the
   * snapshot itself, while a large document is not re-sealed too often.
   */
  threshold(): number {
    const { max } = this.settings;
    const min = Math.min(max, this.settings.min);
    if (this.lastBytes === undefined) return max;
    return Math.max(min, Math.min(max, Math.round(this.lastBytes / 4096)));
  }

  /** Updates the relay holds past the current snapshot (or past a refused attempt). */
  tail(head: number): number {
    return head - Math.max(this.covers, this.refusedAt);
  }

  /** After one of our own acks: is it our turn to snapshot? */
  dueOnOwnAck(head: number): boolean {
    return !this.inFlight && this.tail(head) >= this.threshold();
  }

  /** After typing stopped: is the tail worth an idle snapshot? */
  dueWhenIdle(head: number): boolean {
    return !this.inFlight && this.tail(head) >= MIN_IDLE_SNAPSHOT_TAIL;
  }

  /** Has the local log grown enough to compact it with a private snapshot? */
  dueLocalCompaction(): boolean {
    return this.localTail >= 2 * this.settings.max;
  }

  /** A snapshot too large to push: not again before another full interval (sealing is not free). */
  tooLarge(head: number): void {
    this.refusedAt = head;
  }

  /** The relay accepted our snapshot; returns it (to store) and resets the local tail. */
  accepted(head: number): SealedSnapshot | undefined {
    const s = this.inFlight;
    this.inFlight = undefined;
    if (!s) return undefined;
    this.note(s.snapshotId, s.covers);
    this.localTail = Math.max(0, head - s.covers);
    return s;
  }
}
