/**
 * Property tests (fast-check). On failure fast-check prints the seed and path; add the seed
 * to KEPT_SEEDS below so the case stays a permanent regression test.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesEqual } from './bytes';
import { parseEnvelope } from './envelopeFormat';
import type { EnvelopeKind } from './envelopeFormat';
import { openEnvelope } from './openEnvelope';
import { padBucket } from './padding';
import { initSodium } from './sodium';
import { makeWorld, seal } from './testkit/envelopeFixtures';
import type { EnvelopeWorld } from './testkit/envelopeFixtures';

beforeAll(initSodium);

let world: EnvelopeWorld;
beforeAll(() => {
  world = makeWorld();
});

/** Seeds that once failed (none yet). Each runs in addition to the random runs. */
const KEPT_SEEDS: number[] = [];

function check<T>(property: fc.IProperty<T>, numRuns: number): void {
  for (const seed of KEPT_SEEDS) fc.assert(property, { seed, numRuns: 1 });
  fc.assert(property, { numRuns });
}

/**
 * Bytes shaped like an envelope often enough to reach the deep parser branches: version 1,
 * a chosen kind byte, clock 0 (so snapshots pass the clock rule), a chosen covered-clock count
 * at offset 102, and random bytes everywhere else.
 */
const envelopeLike = fc.oneof(
  fc.uint8Array({ maxLength: 400 }),
  fc
    .tuple(
      fc.constantFrom(1, 2, 3, 0, 4, 255),
      fc.uint8Array({ minLength: 104, maxLength: 104 }),
      fc.constantFrom(0, 1, 2, 3, 255, 0xffff),
      fc.uint8Array({ maxLength: 600 }),
    )
    .map(([kind, head, count, tail]) => {
      const out = new Uint8Array(head.length + tail.length);
      out.set(head);
      out.set(tail, head.length);
      out[0] = 1;
      out[1] = kind;
      out.fill(0, 54, 62);
      out[102] = count >> 8;
      out[103] = count & 0xff;
      return out;
    }),
);

describe('parseEnvelope and openEnvelope on arbitrary bytes', () => {
  it('never throw and refuse anything not sealed by the expected author', () => {
    check(
      fc.property(envelopeLike, (bytes) => {
        const parsed = parseEnvelope(bytes);
        const opened = openEnvelope(bytes, world.expect);
        expect(typeof parsed.ok).toBe('boolean');
        expect(opened.ok).toBe(false);
      }),
      3000,
    );
  });

  it('never throw on a real envelope with random bytes overwritten or cut', () => {
    const sealed = seal(world, { kind: 'snapshot' });
    check(
      fc.property(
        fc.array(fc.tuple(fc.nat(sealed.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.nat(sealed.length),
        (edits, cut) => {
          const bytes = sealed.slice(0, Math.max(cut, sealed.length - 8));
          for (const [i, x] of edits) if (i < bytes.length) bytes[i] = (bytes[i] as number) ^ x;
          expect(openEnvelope(bytes, world.expect).ok).toBe(false);
        },
      ),
      1000,
    );
  });
});

describe('seal -> parse -> open', () => {
  const plaintextLength = fc.oneof(
    fc.integer({ min: 0, max: 70_000 }),
    fc.constantFrom(0, 1, 63, 64, 65, 127, 128, 65_535, 65_536, 65_537, 70_000),
  );

  it('round-trips random plaintexts of 0..70000 bytes and pads the ciphertext to the bucket', () => {
    check(
      fc.property(
        plaintextLength,
        fc.integer(),
        fc.constantFrom<EnvelopeKind>('update', 'snapshot', 'ephemeral'),
        (length, fill, kind) => {
          const plaintext = new Uint8Array(length);
          for (let i = 0; i < length; i++) plaintext[i] = (fill + i * 131) & 0xff;
          const bytes = seal(world, { kind, plaintext });
          const parsed = parseEnvelope(bytes);
          if (!parsed.ok) throw new Error(parsed.message);
          expect(parsed.value.ciphertext.length).toBe(padBucket(length) + 16);
          const opened = openEnvelope(bytes, world.expect);
          expect(opened.ok && bytesEqual(opened.value.plaintext, plaintext)).toBe(true);
        },
      ),
      150,
    );
  });
});
