/**
 * @module crdt/sync/historyFetch
 * Reading a room's whole log from the relay for the signed history ("Storia",
 * docs/PROTOCOL.md §4.10): `history` requests page by page until `historyEnd` says the log up to
 * the head it saw has been returned. The envelopes come back as stored, of every epoch, in seq
 * order. Nothing here touches the room's document, clocks, resume point or local log.
 */
import type { RoomId } from '../../crypto';
import type { Frame, SeqEnvelope } from '../wire';
import type { Scheduler } from './outgoingBatcher';

/** One stored envelope of the room's log. */
export interface HistoryItem {
  readonly seq: number;
  readonly bytes: Uint8Array;
}

/** Why a history fetch failed. */
export type HistoryErrorCode = 'not_live' | 'history_busy' | 'offline' | 'key_rotated' | 'not_authenticated' | 'rate_limited';

export type HistoryResult =
  | { readonly ok: true; readonly value: { readonly items: readonly HistoryItem[]; readonly head: number } }
  | { readonly ok: false; readonly code: HistoryErrorCode; readonly message: string };

/** Envelopes asked for per request (the relay caps a request at 1024). */
export const HISTORY_PAGE = 1024;
const MAX_RETRIES = 5;

interface Running {
  readonly items: Map<number, Uint8Array>;
  /** Where the next request starts. */
  next: number;
  readonly resolve: (result: HistoryResult) => void;
  retries: number;
  cancelRetry: (() => void) | undefined;
}

export class HistoryFetch {
  private running: Running | undefined;

  constructor(
    private readonly room: RoomId,
    private readonly send: (frame: Frame) => boolean,
    private readonly schedule: Scheduler,
  ) {}

  get active(): boolean {
    return this.running !== undefined;
  }

  /** Fetches the whole log (the caller checked the room is live). */
  start(): Promise<HistoryResult> {
    if (this.running) return Promise.resolve({ ok: false, code: 'history_busy', message: 'A history fetch of this room is under way' });
    return new Promise<HistoryResult>((resolve) => {
      this.running = { items: new Map(), next: 1, resolve, retries: 0, cancelRetry: undefined };
      this.ask(1);
    });
  }

  /** A `historyEnvelopes` frame. */
  envelopes(items: readonly SeqEnvelope[]): void {
    const r = this.running;
    if (!r) return;
    this.progress(r);
    for (const item of items) {
      r.items.set(item.seq, item.envelope.slice());
      r.next = Math.max(r.next, item.seq + 1);
    }
  }

  /** A `historyEnd` frame: ask for the next page, or finish. */
  end(nextSeq: number, head: number): void {
    const r = this.running;
    if (!r) return;
    this.progress(r);
    if (nextSeq <= head) {
      r.next = Math.max(r.next, nextSeq);
      return this.ask(nextSeq);
    }
    const items = [...r.items.entries()].sort(([a], [b]) => a - b).map(([seq, bytes]) => ({ seq, bytes }));
    this.finish({ ok: true, value: { items, head } });
  }

  /** A refusal that stops the fetch (`rate_limited` is retried a few times after a pause). */
  refused(code: 'key_rotated' | 'not_authenticated' | 'rate_limited', message: string): void {
    const r = this.running;
    if (!r) return;
    if (code === 'rate_limited' && r.retries < MAX_RETRIES) {
      r.retries++;
      r.cancelRetry?.();
      r.cancelRetry = this.schedule(() => { r.cancelRetry = undefined; if (this.running === r) this.ask(r.next); }, 1000 + Math.floor(Math.random() * 1000));
      return;
    }
    this.finish({ ok: false, code, message });
  }

  /** The socket closed or the room left: the answer will not come. */
  stop(code: 'offline' | 'key_rotated', message: string): void {
    if (this.running) this.finish({ ok: false, code, message });
  }

  private ask(fromSeq: number): void {
    if (!this.send({ type: 'history', room: this.room, fromSeq, limit: HISTORY_PAGE })) this.stop('offline', 'Not connected');
  }

  /** The relay is answering: a retry scheduled on a `rate_limited` that was not ours is not needed. */
  private progress(r: Running): void {
    r.cancelRetry?.();
    r.cancelRetry = undefined;
  }

  private finish(result: HistoryResult): void {
    const r = this.running;
    this.running = undefined;
    r?.cancelRetry?.();
    r?.resolve(result);
  }
}
