/**
 * Seeded convergence fuzz: five devices edit one room through the real relay engine while
 * links drop, frames are duplicated and reordered. After healing, every device must hold the
 * same document and nothing may wait in an outbox. A failing seed is printed; keep it in
 * fuzz-regressions.json so it runs forever after.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generatePartKey, generateRoomId, initSodium } from '../../crypto';
import { makeDevice, until, type TestDevice } from '../support/cartellaClient';
import { makeMemoryRelay } from '../support/memoryRelay';
import { makePrng } from '../support/prng';

beforeAll(initSodium);

const SEEDS = Number(process.env.FUZZ_SEEDS ?? 100);
const regressions = (JSON.parse(readFileSync(new URL('./fuzz-regressions.json', import.meta.url), 'utf8')) as { seeds: number[] }).seeds;
const WORDS = ['colloquio', 'visita', 'madre', 'scuola', 'ISEE', 'équipe', 'relazione', ' ', '\n', 'è'];

async function runSeed(seed: number): Promise<void> {
  const random = makePrng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const relay = makeMemoryRelay();
  const chaos = { enabled: true, random, duplicate: 0.04, reorder: 0.04 };
  const gate = { random: () => (chaos.enabled ? random() : 1), duplicate: chaos.duplicate, reorder: chaos.reorder };
  const secret = { roomId: generateRoomId(), key: generatePartKey(), epoch: 1 };
  const links = Array.from({ length: 5 }, () => relay.link(gate));
  const devices: TestDevice[] = [];
  for (const link of links) devices.push(await makeDevice(link.client, secret, { snapshotEvery: 15 }));
  for (const link of links) if (random() < 0.8) link.connect();

  for (let step = 0; step < 80; step++) {
    const i = Math.floor(random() * devices.length);
    const device = devices[i] as TestDevice;
    const link = links[i];
    const r = random();
    if (r < 0.55) {
      const t = device.doc.getText('diario');
      if (t.length > 0 && random() < 0.3) {
        const at = Math.floor(random() * t.length);
        t.delete(at, Math.min(t.length - at, 1 + Math.floor(random() * 5)));
      } else {
        t.insert(Math.floor(random() * (t.length + 1)), pick(WORDS));
      }
    } else if (r < 0.7) {
      device.doc.getMap('anagrafica').set(pick(['nome', 'comune', 'telefono']), `${pick(WORDS)}-${step}`);
    } else if (r < 0.8) {
      if (link?.client.state === 'open') link.disconnect(); else link?.connect();
    }
    if (random() < 0.5) await new Promise((res) => setTimeout(res, 0));
  }

  // heal: no more chaos, every link cleanly reconnected
  chaos.enabled = false;
  for (const link of links) { link.disconnect(); link.connect(); }
  await until(
    () => devices.every((d) => d.room.status.phase === 'live' && d.room.status.pending === 0)
      && new Set(devices.map((d) => d.room.status.head)).size === 1,
    `seed ${seed}: all devices live, drained and at one head`,
    20_000,
  ).catch((e: unknown) => {
    const states = devices.map((d) => ({ ...d.room.status, problems: d.problems.map((p) => p.code).join(',') }));
    throw new Error(`${String(e)}\n${JSON.stringify(states, null, 1)}`);
  });
  const reference = devices[0] as TestDevice;
  for (const d of devices) {
    expect(d.doc.getText('diario').toString(), `seed ${seed}`).toBe(reference.doc.getText('diario').toString());
    expect(d.doc.getMap('anagrafica').toJSON(), `seed ${seed}`).toEqual(reference.doc.getMap('anagrafica').toJSON());
    expect(Y.encodeStateVector(d.doc), `seed ${seed}`).toEqual(Y.encodeStateVector(reference.doc));
    // Reordered or duplicated handshake frames (a challenge answered with a stale nonce, a push
    // before auth) are refused by the relay and retried by the engine: expected under chaos.
    // A `synced` of an earlier session delivered late looks like a relay that lost its log
    // (TCP never reorders, this chaos does); the engine then re-reads envelopes it had, and
    // drops them as replays. Convergence, asserted above, is what must hold regardless.
    const tolerated = ['resync', 'envelope_clock_gap', 'not_authenticated', 'no_challenge', 'auth_failed', 'relay_rollback', 'envelope_clock_replay'];
    const bad = d.problems.filter((p) => !tolerated.includes(p.code));
    expect(bad, `seed ${seed}: unexpected problems`).toEqual([]);
  }
  await Promise.all(devices.map((d) => d.client.close()));
}

describe('convergence fuzz (5 devices, drops, duplicates, reordering)', () => {
  it.each(regressions)('kept failing seed %i converges', async (seed) => { await runSeed(seed); });

  it(`${SEEDS} random seeds converge`, async () => {
    const base = Number(process.env.FUZZ_BASE_SEED ?? 1);
    for (let seed = base; seed < base + SEEDS; seed++) {
      try {
        await runSeed(seed);
      } catch (e) {
        console.error(`convergence fuzz failed with seed ${seed}: add it to tests/sync/fuzz-regressions.json`);
        throw e;
      }
    }
  }, 300_000);
});
