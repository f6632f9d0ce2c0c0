/**
 * The contract every `Transport` passes (the in-memory link and the WebSocket transport):
 * frames arrive whole and in order both ways, state changes are reported, nothing is sent
 * while closed, and a dropped connection comes back.
 */
import { describe, expect, it } from 'vitest';
import type { Transport, TransportState } from '../../crdt/sync/ports';

/** The far end of a transport under test, as the relay would see it. */
export interface FarEnd {
  /** Resolves with the next frame the transport sent. */
  nextFrame(): Promise<Uint8Array>;
  /** Sends a frame to the transport. */
  deliver(frame: Uint8Array): void;
  /** Drops the connection from the far side (the transport should come back by itself). */
  drop(): void;
  dispose(): Promise<void>;
}

/** Resolves once the transport is in `wanted` and, when `seen` records events, the last event reported it. */
export async function waitForState(t: Transport, wanted: TransportState, seen: TransportState[]): Promise<void> {
  await expect.poll(() => t.state, { interval: 2, timeout: 5000 }).toBe(wanted);
  if (seen.length) await expect.poll(() => seen.at(-1), { interval: 2, timeout: 5000 }).toBe(wanted);
}

export function transportContract(name: string, make: () => Promise<{ transport: Transport; far: FarEnd; reconnects: boolean }>): void {
  describe(`Transport contract: ${name}`, () => {
    it('reports open, then carries frames both ways whole and in order', async () => {
      const { transport, far } = await make();
      const states: TransportState[] = [];
      const received: Uint8Array[] = [];
      transport.onState((s) => states.push(s));
      transport.onFrame((f) => received.push(f));
      await waitForState(transport, 'open', states);
      for (let i = 0; i < 20; i++) expect(transport.send(new Uint8Array([i, 0, 255]))).toBe(true);
      for (let i = 0; i < 20; i++) expect(Array.from(await far.nextFrame())).toEqual([i, 0, 255]);
      const big = new Uint8Array(200_000).map((_, i) => i % 251);
      far.deliver(new Uint8Array([7]));
      far.deliver(big);
      await expect.poll(() => received.length).toBe(2);
      expect(Array.from(received[0] ?? [])).toEqual([7]);
      expect(received[1]).toEqual(big);
      transport.close();
      await far.dispose();
    });

    it('refuses to send while closed and reports the close', async () => {
      const { transport, far } = await make();
      const states: TransportState[] = [];
      transport.onState((s) => states.push(s));
      await waitForState(transport, 'open', states);
      transport.close();
      expect(transport.state).toBe('closed');
      expect(transport.send(new Uint8Array([1]))).toBe(false);
      await far.dispose();
    });

    it('comes back after the far side drops the connection', async () => {
      const { transport, far, reconnects } = await make();
      const states: TransportState[] = [];
      transport.onState((s) => states.push(s));
      await waitForState(transport, 'open', states);
      far.drop();
      await waitForState(transport, 'closed', states);
      if (reconnects) {
        await waitForState(transport, 'open', states);
        expect(transport.send(new Uint8Array([42]))).toBe(true);
        expect(Array.from(await far.nextFrame())).toEqual([42]);
      } else {
        expect(transport.send(new Uint8Array([42]))).toBe(false);
      }
      transport.close();
      await far.dispose();
    });
  });
}
