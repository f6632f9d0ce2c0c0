/**
 * Merging received keys into the keyring: a new cartella is added; for one held, epochs and the
 * prof part are added, never removed or downgraded; a different room or key is a conflict.
 * And the bounded list of used bundle ids.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toHex } from './bytes';
import { generatePartKey, generateRoomId } from './keys';
import { findCartellaKeys, MAX_USED_BUNDLE_IDS, parseKeyringData, encodeKeyringData } from './keyringData';
import type { CartellaKeys, KeyringData, PartKeyRecord } from './keyringData';
import { hasUsedBundleId, mergeCartellaKeys, recordUsedBundleId } from './keyringMerge';
import { initSodium } from './sodium';
import { makeCartella, makeKeyringData } from './testkit/keyringFixtures';

beforeAll(initSodium);

let data: KeyringData;
beforeAll(() => {
  data = makeKeyringData(); // cartella-0001: both parts, epochs 1..2; cartella-0002: admin only
});

function code(result: { ok: boolean; code?: string }): string {
  return result.ok ? 'ok' : (result.code ?? '?');
}

function withEpoch(part: PartKeyRecord, epoch: number, current = epoch): PartKeyRecord {
  return { roomId: part.roomId, currentEpoch: current, keys: [...part.keys, { epoch, key: generatePartKey() }] };
}

const epochs = (p: PartKeyRecord | undefined): number[] => (p?.keys ?? []).map((k) => k.epoch);

describe('mergeCartellaKeys', () => {
  it('adds a cartella not held (added), leaving the old keyring unchanged', () => {
    const merged = mergeCartellaKeys(data, makeCartella('cartella-0003'));
    expect(merged.ok && merged.value.change).toBe('added');
    if (!merged.ok) return;
    expect(merged.value.data.cartelle).toHaveLength(3);
    expect(data.cartelle).toHaveLength(2);
  });

  it('adds the new epochs of a held part and moves the current epoch forward (updated)', () => {
    const held = data.cartelle[0]!;
    const incoming: CartellaKeys = { ...held, admin: withEpoch(held.admin, 3), addedAt: '2030-01-01T00:00:00.000Z' };
    const merged = mergeCartellaKeys(data, incoming);
    expect(merged.ok && merged.value.change).toBe('updated');
    if (!merged.ok) return;
    const entry = findCartellaKeys(merged.value.data, held.cartellaId)!;
    expect(epochs(entry.admin)).toEqual([1, 2, 3]);
    expect(entry.admin.currentEpoch).toBe(3);
    expect(entry.addedAt).toBe(held.addedAt);
    expect(epochs(entry.prof)).toEqual([1, 2]);
  });

  it('never removes epochs nor moves the current epoch back when the incoming keys are older', () => {
    const held = data.cartelle[0]!;
    const older: CartellaKeys = {
      ...held,
      admin: { roomId: held.admin.roomId, currentEpoch: 1, keys: [held.admin.keys[0]!] },
      prof: { roomId: held.prof!.roomId, currentEpoch: 1, keys: [held.prof!.keys[0]!] },
    };
    const merged = mergeCartellaKeys(data, older);
    expect(merged.ok && merged.value.change).toBe('unchanged');
    if (merged.ok) expect(merged.value.data).toBe(data);
  });

  it('upgrades an amministrativo entry to équipe by adding the prof part', () => {
    const adminOnly = data.cartelle[1]!;
    const prof: PartKeyRecord = { roomId: generateRoomId(), currentEpoch: 1, keys: [{ epoch: 1, key: generatePartKey() }] };
    const merged = mergeCartellaKeys(data, { ...adminOnly, prof });
    expect(merged.ok && merged.value.change).toBe('updated');
    if (merged.ok) expect(toHex(findCartellaKeys(merged.value.data, adminOnly.cartellaId)!.prof!.roomId)).toBe(toHex(prof.roomId));
  });

  it('never downgrades an équipe entry: an amministrativo hand-over keeps the prof part', () => {
    const { prof: _prof, ...adminOnly } = data.cartelle[0]!;
    const merged = mergeCartellaKeys(data, adminOnly);
    expect(merged.ok && merged.value.change).toBe('unchanged');
    if (merged.ok) expect(findCartellaKeys(merged.value.data, 'cartella-0001')!.prof).toBeDefined();
    const grown = mergeCartellaKeys(data, { ...adminOnly, admin: withEpoch(adminOnly.admin, 3) });
    expect(grown.ok && findCartellaKeys(grown.value.data, 'cartella-0001')!.prof).toBeDefined();
  });

  it('refuses a different key for an epoch held (keyring_conflict), in either part', () => {
    const held = data.cartelle[0]!;
    const swapped = (p: PartKeyRecord): PartKeyRecord => ({ ...p, keys: p.keys.map((k, i) => (i === 0 ? { epoch: k.epoch, key: generatePartKey() } : k)) });
    expect(code(mergeCartellaKeys(data, { ...held, admin: swapped(held.admin) }))).toBe('keyring_conflict');
    expect(code(mergeCartellaKeys(data, { ...held, prof: swapped(held.prof!) }))).toBe('keyring_conflict');
  });

  it('refuses another room for a held part (keyring_conflict)', () => {
    const held = data.cartelle[0]!;
    expect(code(mergeCartellaKeys(data, { ...held, admin: { ...held.admin, roomId: generateRoomId() } }))).toBe('keyring_conflict');
  });

  it('refuses an invalid entry, or one reusing another cartella\'s room (keyring_malformed)', () => {
    const fresh = makeCartella('cartella-0004');
    expect(code(mergeCartellaKeys(data, { ...fresh, admin: { ...fresh.admin, keys: [] } }))).toBe('keyring_malformed');
    expect(code(mergeCartellaKeys(data, { ...fresh, admin: { ...data.cartelle[1]!.admin } }))).toBe('keyring_malformed');
    expect(code(mergeCartellaKeys(data, null as unknown as CartellaKeys))).toBe('keyring_malformed');
  });
});

describe('recordUsedBundleId', () => {
  it('appends a new id once, oldest first', () => {
    const a = new Uint8Array(16).fill(1);
    const b = new Uint8Array(16).fill(2);
    const once = recordUsedBundleId(recordUsedBundleId(data, a), b);
    expect(once.usedBundleIds.map(toHex)).toEqual([toHex(a), toHex(b)]);
    expect(recordUsedBundleId(once, a.slice())).toBe(once);
    expect(hasUsedBundleId(once, b.slice())).toBe(true);
    expect(data.usedBundleIds).toEqual([]);
  });

  it(`keeps only the newest ${MAX_USED_BUNDLE_IDS}, and the result still parses`, () => {
    let d = data;
    for (let i = 0; i < MAX_USED_BUNDLE_IDS + 5; i++) {
      const id = new Uint8Array(16);
      new DataView(id.buffer).setUint32(0, i);
      d = recordUsedBundleId(d, id);
    }
    expect(d.usedBundleIds).toHaveLength(MAX_USED_BUNDLE_IDS);
    expect(new DataView(d.usedBundleIds[0]!.buffer).getUint32(0)).toBe(5);
    expect(parseKeyringData(encodeKeyringData(d)).ok).toBe(true);
  });

  it('throws RangeError on an id that is not 16 bytes', () => {
    expect(() => recordUsedBundleId(data, new Uint8Array(15))).toThrow(RangeError);
  });
});
