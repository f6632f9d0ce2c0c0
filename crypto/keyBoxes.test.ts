/**
 * The key boxes of a rotation: round trip for members and the recovery key, a device without a
 * box, the record's context, every byte signed, every truncation, well-signed boxes breaking
 * each layout rule (written by an independent encoder), a box moved into another set, and the
 * Italian messages against docs/ROTATION.md.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, toHex, writeU16, writeU32 } from './bytes';
import { generateDeviceIdentity } from './identity';
import type { DeviceIdentity } from './identity';
import {
  hasKeyBoxFor, isUsableBoxPublicKey, KEY_BOXES_ERROR_MESSAGES, KEY_BOXES_MAX_BYTES, openKeyBox, openKeyBoxWithRecovery,
  parseKeyBoxes, sealKeyBoxes,
} from './keyBoxes';
import type { KeyBoxesErrorCode } from './keyBoxes';
import { generatePartKey } from './keys';
import { blake2b, ed25519Sign } from './primitives';
import { generateRecoveryKey } from './recovery';
import type { RecoveryKeyPair } from './recovery';
import { generateRoomId } from './roomId';
import type { RoomId } from './roomId';
import { initSodium, sodium } from './sodium';

beforeAll(initSodium);

const code = (r: { ok: boolean; code?: string }): string => (r.ok ? 'ok' : (r.code ?? '?'));
const member = (d: DeviceIdentity) => ({ signPublicKey: d.signPublicKey, boxPublicKey: d.boxPublicKey });

let a: DeviceIdentity, b: DeviceIdentity, c: DeviceIdentity, outsider: DeviceIdentity;
let ente: RecoveryKeyPair;
let roomId: RoomId;
let key: Uint8Array;
let sealed: Uint8Array;
beforeAll(() => {
  [a, b, c, outsider] = [generateDeviceIdentity(), generateDeviceIdentity(), generateDeviceIdentity(), generateDeviceIdentity()];
  ente = generateRecoveryKey();
  roomId = generateRoomId();
  key = generatePartKey();
  sealed = sealKeyBoxes({ roomId, fromEpoch: 1, toEpoch: 2, key, signer: a, members: [a, b, c].map(member), recoveryPublicKey: ente.publicKey });
});

/** An independent encoder: any entries, any order, signed by `signer` (for well-signed bad boxes). */
function forge(options: {
  signer?: DeviceIdentity; from?: number; to?: number; room?: Uint8Array; version?: number; trailing?: Uint8Array;
  entries: Array<{ kind: number; sign?: Uint8Array; box: Uint8Array; sealed?: Uint8Array }>;
}): Uint8Array {
  const signer = options.signer ?? a;
  const head = new Uint8Array(8 + 1 + 16 + 4 + 4 + 32 + 2);
  head.set(new TextEncoder().encode('CRTKBOX1'));
  head[8] = options.version ?? 1;
  head.set(options.room ?? roomId, 9);
  writeU32(head, 25, options.from ?? 1);
  writeU32(head, 29, options.to ?? 2);
  head.set(signer.signPublicKey, 33);
  writeU16(head, 65, options.entries.length);
  const parts = options.entries.map((e) => concatBytes(
    Uint8Array.of(e.kind), e.sign ?? new Uint8Array(0), e.box,
    e.sealed ?? sodium().crypto_box_seal(concatBytes(options.room ?? roomId, Uint8Array.of(0, 0, 0, options.to ?? 2), key), e.box),
  ));
  const body = concatBytes(head, ...parts, options.trailing ?? new Uint8Array(0));
  const digest = blake2b(64, concatBytes(new TextEncoder().encode('cartella-key-boxes-v1'), body));
  return concatBytes(body, ed25519Sign(signer.signPrivateKey, digest));
}

const entryOf = (d: DeviceIdentity) => ({ kind: 1, sign: d.signPublicKey, box: d.boxPublicKey });
const sortedByBox = <T extends { box: Uint8Array }>(xs: T[]): T[] => [...xs].sort((x, y) => (toHex(x.box) < toHex(y.box) ? -1 : 1));

describe('key boxes: round trip', () => {
  it('gives each remaining member, and the ente recovery key, the same new key', () => {
    const parsed = parseKeyBoxes(sealed, { roomId, fromEpoch: 1, toEpoch: 2 });
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.value.entries).toHaveLength(4);
    expect(toHex(parsed.value.signer)).toBe(toHex(a.signPublicKey));
    for (const d of [a, b, c]) {
      const opened = openKeyBox(parsed.value, d);
      expect(opened.ok && toHex(opened.value)).toBe(toHex(key));
      expect(hasKeyBoxFor(parsed.value, d.signPublicKey)).toBe(true);
    }
    const recovered = openKeyBoxWithRecovery(parsed.value, ente);
    expect(recovered.ok && toHex(recovered.value)).toBe(toHex(key));
  });

  it('has no box for a removed member (key_box_absent), nor for the recovery key when none was configured', () => {
    const parsed = parseKeyBoxes(sealed);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(code(openKeyBox(parsed.value, outsider))).toBe('key_box_absent');
    expect(hasKeyBoxFor(parsed.value, outsider.signPublicKey)).toBe(false);
    const withoutRecovery = parseKeyBoxes(sealKeyBoxes({ roomId, fromEpoch: 1, toEpoch: 2, key, signer: a, members: [member(a)] }));
    if (!withoutRecovery.ok) throw new Error(withoutRecovery.message);
    expect(code(openKeyBoxWithRecovery(withoutRecovery.value, ente))).toBe('key_box_absent');
  });

  it('refuses a member whose box key is another device of theirs (both keys must match this device)', () => {
    const parsed = parseKeyBoxes(sealed);
    if (!parsed.ok) throw new Error(parsed.message);
    const otherDevice = { ...b, boxPublicKey: outsider.boxPublicKey, boxPrivateKey: outsider.boxPrivateKey };
    expect(code(openKeyBox(parsed.value, otherDevice))).toBe('key_box_absent');
  });

  it('refuses boxes that name another room or other epochs than the rotation record (key_boxes_context)', () => {
    expect(code(parseKeyBoxes(sealed, { roomId: generateRoomId(), fromEpoch: 1, toEpoch: 2 }))).toBe('key_boxes_context');
    expect(code(parseKeyBoxes(sealed, { roomId, fromEpoch: 2, toEpoch: 3 }))).toBe('key_boxes_context');
  });
});

describe('key boxes: tampering', () => {
  it('refuses a change of any single byte', () => {
    for (let i = 0; i < sealed.length; i++) {
      const tampered = sealed.slice();
      tampered[i] = (tampered[i] ?? 0) ^ 0x01;
      expect(parseKeyBoxes(tampered).ok, `byte ${i}`).toBe(false);
    }
  });

  it('calls every truncation key_boxes_truncated', () => {
    for (let n = 0; n < sealed.length; n++) expect(code(parseKeyBoxes(sealed.subarray(0, n))), `length ${n}`).toBe('key_boxes_truncated');
  });

  it('refuses boxes re-signed by someone else under the rotator name (key_boxes_signature)', () => {
    const forged = sealed.slice();
    const body = forged.subarray(0, forged.length - 64);
    const digest = blake2b(64, concatBytes(new TextEncoder().encode('cartella-key-boxes-v1'), body));
    forged.set(ed25519Sign(outsider.signPrivateKey, digest), forged.length - 64);
    expect(code(parseKeyBoxes(forged))).toBe('key_boxes_signature');
  });

  it('refuses an unknown version before reading further, and another magic', () => {
    expect(code(parseKeyBoxes(forge({ version: 2, entries: [entryOf(a)] })))).toBe('key_boxes_version');
    expect(code(parseKeyBoxes(new TextEncoder().encode('CRTBNDL1xxxxxxxxxxxxx')))).toBe('key_boxes_malformed');
  });

  it('refuses more bytes than a rotate frame may carry', () => {
    const big = new Uint8Array(KEY_BOXES_MAX_BYTES + 1);
    big.set(sealed.subarray(0, 9));
    expect(code(parseKeyBoxes(big))).toBe('key_boxes_malformed');
  });

  it.each([
    ['epochs not consecutive', () => forge({ from: 1, to: 3, entries: [entryOf(a)] })],
    ['epoch 0', () => forge({ from: 0, to: 1, entries: [entryOf(a)] })],
    ['no recipient', () => forge({ entries: [] })],
    ['an unknown recipient kind', () => forge({ entries: [{ kind: 3, box: b.boxPublicKey }] })],
    ['recipients not ascending', () => forge({ entries: sortedByBox([entryOf(a), entryOf(b)]).reverse() })],
    ['a member twice', () => forge({ entries: sortedByBox([entryOf(a), { kind: 1, sign: a.signPublicKey, box: b.boxPublicKey }]) })],
    ['two recovery entries', () => forge({ entries: sortedByBox([{ kind: 2, box: b.boxPublicKey }, { kind: 2, box: c.boxPublicKey }]) })],
    ['a low-order box key', () => forge({ entries: [{ kind: 1, sign: a.signPublicKey, box: new Uint8Array(32), sealed: new Uint8Array(100) }] })],
    ['bytes after the last entry', () => forge({ entries: [entryOf(a)], trailing: Uint8Array.of(0) })],
  ])('refuses well-signed boxes with %s (key_boxes_malformed)', (_what, make) => {
    expect(code(parseKeyBoxes(make()))).toBe('key_boxes_malformed');
  });

  it('refuses a box copied from another room set: what is sealed names its room and epoch (key_box_sealed)', () => {
    const elsewhere = generateRoomId();
    const other = parseKeyBoxes(sealKeyBoxes({ roomId: elsewhere, fromEpoch: 1, toEpoch: 2, key, signer: a, members: [member(b)] }));
    if (!other.ok) throw new Error(other.message);
    const stolen = other.value.entries[0];
    if (stolen?.kind !== 'membro') throw new Error('a member entry');
    const transplanted = parseKeyBoxes(forge({ entries: [{ kind: 1, sign: b.signPublicKey, box: b.boxPublicKey, sealed: stolen.sealed }] }));
    if (!transplanted.ok) throw new Error(transplanted.message);
    expect(code(openKeyBox(transplanted.value, b))).toBe('key_box_sealed');
  });
});

describe('key boxes: sealing', () => {
  it('refuses programming errors: unusable keys, a recipient twice, epochs not consecutive, no member', () => {
    const base = { roomId, fromEpoch: 1, toEpoch: 2, key, signer: a };
    expect(() => sealKeyBoxes({ ...base, members: [{ signPublicKey: b.signPublicKey, boxPublicKey: new Uint8Array(32) }] })).toThrow(RangeError);
    expect(() => sealKeyBoxes({ ...base, members: [member(b), member(b)] })).toThrow(RangeError);
    expect(() => sealKeyBoxes({ ...base, members: [member(b)], recoveryPublicKey: b.boxPublicKey })).toThrow(RangeError);
    expect(() => sealKeyBoxes({ ...base, toEpoch: 3, members: [member(b)] })).toThrow(RangeError);
    expect(() => sealKeyBoxes({ ...base, members: [] })).toThrow(RangeError);
    expect(isUsableBoxPublicKey(new Uint8Array(32))).toBe(false);
    expect(isUsableBoxPublicKey(b.boxPublicKey)).toBe(true);
  });
});

describe('key boxes: error messages', () => {
  const doc = readFileSync(new URL('../docs/ROTATION.md', import.meta.url), 'utf8');
  const entries = Object.entries(KEY_BOXES_ERROR_MESSAGES) as Array<[KeyBoxesErrorCode, string]>;
  it.each(entries)('%s is in docs/ROTATION.md with its Italian message', (errorCode, message) => {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${errorCode}\` |`));
    expect(row, errorCode).toBeDefined();
    expect(row).toContain(`| ${message} |`);
  });
});
