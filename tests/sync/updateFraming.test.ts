/**
 * Update plaintext framing: large changes travel as parts that are reassembled in order and
 * checked against their hash; nothing malformed is applied.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { initSodium } from '../../crypto';
import { frameUpdate, parseFramedUpdate, PartAssembler } from '../../crdt/sync/updateFraming';

beforeAll(initSodium);

function reassemble(plaintexts: Uint8Array[]): Uint8Array | undefined {
  const asm = new PartAssembler();
  let whole: Uint8Array | undefined;
  for (const p of plaintexts) {
    const f = parseFramedUpdate(p);
    if (!f.ok) throw new Error(f.message);
    if (f.value.kind === 'whole') whole = f.value.update;
    else {
      const r = asm.add('a', f.value);
      if (!r.ok) throw new Error(r.message);
      if (r.value) whole = r.value;
    }
  }
  return whole;
}

describe('update framing', () => {
  it('a small update is one whole frame; a large one several parts that reassemble to the same bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: 5000 }), fc.integer({ min: 16, max: 2000 }), (update, maxPart) => {
      const frames = frameUpdate(update, maxPart);
      expect(frames.length).toBe(update.byteLength <= maxPart ? 1 : Math.ceil(update.byteLength / maxPart));
      expect(reassemble(frames)).toEqual(update);
    }));
  });

  it('refuses parts out of order, a part of another update, and a whole that does not match its hash', () => {
    const a = frameUpdate(new Uint8Array(100).fill(1), 30);
    const b = frameUpdate(new Uint8Array(100).fill(2), 30);
    const parse = (x: Uint8Array) => { const f = parseFramedUpdate(x); if (!f.ok || f.value.kind !== 'part') throw new Error('part'); return f.value; };
    const asm = new PartAssembler();
    expect(asm.add('x', parse(a[0] as Uint8Array)).ok).toBe(true);
    expect(asm.add('x', parse(a[2] as Uint8Array))).toMatchObject({ ok: false, code: 'update_parts' });
    expect(asm.incomplete).toBe(false);
    expect(asm.add('x', parse(a[0] as Uint8Array)).ok).toBe(true);
    expect(asm.add('x', parse(b[1] as Uint8Array))).toMatchObject({ ok: false, code: 'update_parts' });
    const tampered = a.map((p) => p.slice());
    const victim = tampered[3] as Uint8Array;
    victim[45] = (victim[45] ?? 0) ^ 0xff;
    const asm2 = new PartAssembler();
    const results = tampered.map((p) => asm2.add('y', parse(p)));
    expect(results.at(-1)).toMatchObject({ ok: false, code: 'update_parts' });
  });

  it('parses any bytes to a value or a typed error, never a throw', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
      const r = parseFramedUpdate(bytes);
      expect(typeof r.ok).toBe('boolean');
    }), { numRuns: 5000 });
  });
});
