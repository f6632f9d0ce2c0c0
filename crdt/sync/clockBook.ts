/**
 * @module crdt/sync/clockBook
 * The last clock seen per (epoch, author) along a room's seq-ordered stream: what the engine
 * checks continuity against and what a snapshot's header declares it covers.
 */
import { compareBytes, toHex } from '../../crypto';

interface Entry { readonly author: Uint8Array; readonly epoch: number; clock: number }

export class ClockBook {
  private readonly entries = new Map<string, Entry>();

  /** Last clock of `author` in `epoch` (0 when none). */
  last(epoch: number, author: Uint8Array): number {
    return this.entries.get(`${epoch}:${toHex(author)}`)?.clock ?? 0;
  }

  /** Raises the recorded clock (never lowers it). */
  note(epoch: number, author: Uint8Array, clock: number): void {
    const key = `${epoch}:${toHex(author)}`;
    const entry = this.entries.get(key);
    if (!entry) this.entries.set(key, { author: author.slice(), epoch, clock });
    else if (entry.clock < clock) entry.clock = clock;
  }

  /** Covered clocks of one epoch, authors ascending bytewise (the snapshot header's order). */
  covered(epoch: number): Array<{ author: Uint8Array; clock: number }> {
    return [...this.entries.values()]
      .filter((e) => e.epoch === epoch)
      .map(({ author, clock }) => ({ author, clock }))
      .sort((a, b) => compareBytes(a.author, b.author));
  }
}
