/**
 * @module server/history
 * Answers a `history` request (docs/PROTOCOL.md §4.10): the stored envelopes of every epoch from
 * a seq on — also those before the current snapshot, which catch-up skips — for the audit
 * screen ("Storia"). Bounded: at most `historyEnvelopesPerRequest` envelopes per request, in
 * frames of catch-up size, with time for the socket to drain between frames. The log is
 * append-only and seqs never change, so it reads outside the room's queue and holds up no commit.
 */
import { encodeFrame } from '../crdt/wire';
import type { RelayContext } from './relayContext';
import { pageBytes } from './roomHub';
import type { HubMember } from './roomHub';

/** The session side of one history answer. */
export interface HistoryTarget {
  readonly member: HubMember;
  /** False once the socket closed, left the room, said hello again, had its key rotated out, or the relay stops. */
  isCurrent(): boolean;
  bufferedAmount(): number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends `historyEnvelopes` frames with seqs >= `fromSeq` (at most `limit`, capped by the relay),
 * up to the head read when the request started, then `historyEnd {nextSeq, head}`. Stops without
 * `historyEnd` when the target stops being current.
 */
export async function streamHistory(
  ctx: RelayContext,
  room: Uint8Array,
  target: HistoryTarget,
  fromSeq: number,
  limit: number,
): Promise<void> {
  const { store, limits } = ctx;
  const head = (await store.getRoom(room))?.head ?? 0;
  let cursor = Math.max(fromSeq, 1) - 1;
  let left = Math.min(limit, limits.historyEnvelopesPerRequest);
  while (left > 0 && cursor < head) {
    if (!target.isCurrent()) return;
    const page = await store.readAfter(room, cursor, {
      limit: Math.min(left, limits.catchUpEnvelopesPerFrame),
      maxBytes: pageBytes(limits),
      upTo: head,
    });
    const last = page[page.length - 1];
    if (last === undefined) break;
    if (!target.isCurrent()) return;
    target.member.sendFrame(encodeFrame({ type: 'historyEnvelopes', room, items: page }));
    cursor = last.seq;
    left -= page.length;
    while (target.isCurrent() && target.bufferedAmount() > limits.catchUpBytesPerFrame) await sleep(2);
  }
  if (!target.isCurrent()) return;
  target.member.sendFrame(encodeFrame({ type: 'historyEnd', room, nextSeq: cursor + 1, head }));
}
