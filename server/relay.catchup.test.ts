/**
 * Catch-up (docs/PROTOCOL.md §4.2): a long history arrives in bounded frames, in order, without
 * holes or repeats — also while other sockets keep pushing during the catch-up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from '../crdt/wire';
import { initSodium } from '../crypto';
import { startTestRelay, TestRoom } from './test/harness';
import type { TestClient, TestRelay } from './test/harness';

let relay: TestRelay;
beforeAll(async () => {
  await initSodium();
  relay = await startTestRelay({ limits: { envelopesPerSecond: 1_000_000, envelopeBurst: 1_000_000 } });
});
afterAll(async () => {
  await relay.stop();
});

/** Pushes `count` updates of ~`size` bytes in frames of at most `perFrame` envelopes. */
async function fill(client: TestClient, room: TestRoom, count: number, size: number, perFrame = 200): Promise<number> {
  const author = room.author();
  let bytes = 0;
  for (let done = 0; done < count; done += perFrame) {
    const batch = Array.from({ length: Math.min(perFrame, count - done) }, () => author.update(size));
    for (const e of batch) bytes += e.length;
    await client.push(room, batch);
  }
  return bytes;
}

function seqsOf(frames: readonly Frame[]): number[] {
  return frames.flatMap((f) => (f.type === 'envelopes' ? f.items.map((i) => i.seq) : []));
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('catch-up', () => {
  it('streams a 2 MiB history in frames of at most 256 envelopes and 256 KiB, then synced', async () => {
    const room = new TestRoom();
    const writer = await relay.connect();
    await writer.create(room);
    const total = await fill(writer, room, 2400, 700);
    expect(total).toBeGreaterThan(2 * 1024 * 1024);
    const reader = await relay.connect();
    const frames = await reader.join(room);
    const chunks = frames.filter((f) => f.type === 'envelopes');
    expect(chunks.length).toBeGreaterThanOrEqual(10);
    for (const chunk of chunks) {
      expect(chunk.type === 'envelopes' && chunk.items.length).toBeLessThanOrEqual(256);
      expect(reader.sizes.get(chunk)).toBeLessThanOrEqual(256 * 1024);
    }
    expect(seqsOf(frames)).toEqual(range(1, 2400));
    expect(frames.at(-1)).toMatchObject({ type: 'synced', head: 2400 });
  });

  it('sends only what follows since', async () => {
    const room = new TestRoom();
    const writer = await relay.connect();
    await writer.create(room);
    await fill(writer, room, 30, 50);
    const reader = await relay.connect();
    const frames = await reader.join(room, 25);
    expect(seqsOf(frames)).toEqual([26, 27, 28, 29, 30]);
    const ahead = await relay.connect();
    expect((await ahead.join(room, 99)).map((f) => f.type)).toEqual(['synced']);
  });

  it('sends a joining socket every seq exactly once while others push during its catch-up', async () => {
    const room = new TestRoom();
    const writer = await relay.connect();
    await writer.create(room);
    await fill(writer, room, 1500, 600);
    const author = room.author();
    // 200 pushes sent back to back without waiting for acks, while the reader joins.
    const pushCount = 200;
    const sending = (async () => {
      for (let i = 0; i < pushCount; i++) {
        writer.send({ type: 'push', room: room.roomId, envelopes: [author.update(100)] });
        await new Promise((r) => setImmediate(r));
      }
    })();
    const reader = await relay.connect();
    const caughtUp = await reader.join(room);
    await sending;
    for (let i = 0; i < pushCount; i++) await writer.expect('ack');
    const head = 1500 + pushCount;
    const synced = caughtUp.at(-1);
    // The race was real: some pushes landed during the catch-up, some after it.
    expect(synced?.type === 'synced' && synced.head).toBeGreaterThan(1500);
    const seen = seqsOf(caughtUp);
    while (seen[seen.length - 1] !== head) seen.push(...seqsOf([await reader.expect('envelopes')]));
    expect(seen).toEqual(range(1, head));
    expect(await reader.quiet(100)).toEqual([]);
  });

  it('hands a new socket the snapshot, then only the tail after covers', async () => {
    const room = new TestRoom();
    const writer = await relay.connect();
    await writer.create(room);
    await fill(writer, room, 600, 100);
    const author = room.author();
    await writer.push(room, [author.snapshot(new Uint8Array(16), 550)]);
    const reader = await relay.connect();
    const frames = await reader.join(room);
    expect(frames[0]).toMatchObject({ type: 'snapshot', covers: 550 });
    expect(seqsOf(frames)).toEqual(range(551, 600));
    expect(frames.at(-1)).toMatchObject({ type: 'synced', head: 600, snapshotCovers: 550 });
  });
});
