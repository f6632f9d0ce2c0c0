/**
 * @module crdt/sync/outbox
 * This device's sealed envelopes that the relay has not acknowledged yet, in clock order.
 * An item is pushed only once it is durable in the local store, so a crash never loses an
 * envelope the relay might already hold under the same clock.
 */

export interface OutboxItem {
  readonly id: string;
  readonly bytes: Uint8Array;
  /** The key epoch it was sealed under: after a rotation, older ones are sealed again if the relay refuses them. */
  readonly epoch: number;
  readonly clock: number;
  durable: boolean;
}

const MAX_PUSH_ENVELOPES = 256;
const MAX_PUSH_BYTES = 512 * 1024;

export class Outbox {
  private items: OutboxItem[] = [];

  get size(): number {
    return this.items.length;
  }

  add(item: OutboxItem): void {
    this.items.push(item);
  }

  has(id: string): boolean {
    return this.items.some((x) => x.id === id);
  }

  /** Removes and returns the item with this id (an ack arrived). */
  take(id: string): OutboxItem | undefined {
    const index = this.items.findIndex((x) => x.id === id);
    return index < 0 ? undefined : this.items.splice(index, 1)[0];
  }

  /** Removes and returns everything (to seal it again under new clocks). */
  drain(): OutboxItem[] {
    const all = this.items;
    this.items = [];
    return all;
  }

  /** The durable head of the outbox that fits one push frame (an envelope over `maxBytes` never goes). */
  nextBatch(maxBytes: number): OutboxItem[] {
    const batch: OutboxItem[] = [];
    let bytes = 0;
    for (const item of this.items) {
      if (!item.durable || item.bytes.byteLength > maxBytes) break;
      if (batch.length >= MAX_PUSH_ENVELOPES || (batch.length > 0 && bytes + item.bytes.byteLength > MAX_PUSH_BYTES)) break;
      batch.push(item);
      bytes += item.bytes.byteLength;
    }
    return batch;
  }
}
