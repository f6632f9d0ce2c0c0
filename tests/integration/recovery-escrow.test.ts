/**
 * Continuity end to end, on a real relay (SQLite, WebSockets): a worker's device seals a
 * cartella's keys to the ente's recovery key and deposits the blob under both rooms of the
 * cartella; the prof part is rotated and deposited again; an administrative colleague deposits
 * the admin keys only. Then the laptop is "lost": a new device that has nothing but the
 * printed private recovery text lists the ente's mailbox, opens every blob, merges the keys,
 * gets back the very rooms and keys of every epoch, and reads the cartella from the relay.
 * The procedure is docs/RECOVERY.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  derivePartSubkeys,
  escrowMailbox,
  generateDeviceIdentity,
  generatePartKey,
  generateRecoveryKey,
  generateRoomId,
  initSodium,
  mergeCartellaKeys,
  newKeyringData,
  openEnvelope,
  openWithRecoveryKey,
  parseRecoveryPrivateKeyText,
  parseRecoveryPublicKeyText,
  recoveryPrivateKeyToText,
  recoveryPublicKeyToText,
  sealToRecovery,
  toHex,
} from '../../crypto';
import type { CartellaKeys, DeviceIdentity, KeyringData, PartKeyRecord } from '../../crypto';
import { deposit, listAll } from '../../server/test/escrow';
import { startTestRelay, TestRoom } from '../../server/test/harness';
import type { TestClient, TestRelay } from '../../server/test/harness';

let relay: TestRelay;
beforeAll(async () => {
  await initSodium();
  relay = await startTestRelay();
});
afterAll(async () => {
  await relay.stop();
});

const SEALED_AT = Date.UTC(2026, 2, 2, 9, 0, 0);
const RECOVERED_AT = new Date(Date.UTC(2026, 10, 20, 15, 30, 0));

/** The relay-side view of a part at its current epoch (what a device derives from its keys). */
function roomOf(part: PartKeyRecord): TestRoom {
  const current = part.keys.find((k) => k.epoch === part.currentEpoch);
  if (current === undefined) throw new Error('no key for the current epoch');
  return new TestRoom(part.currentEpoch, part.roomId, derivePartSubkeys(current.key));
}

/** Part keys as comparable text: room, current epoch, every (epoch, key). */
function partText(part: PartKeyRecord | undefined): string {
  if (part === undefined) return 'none';
  return `${toHex(part.roomId)}@${part.currentEpoch}:${part.keys.map((k) => `${k.epoch}=${toHex(k.key)}`).join(',')}`;
}

describe('recovery through the relay escrow', () => {
  it('gives a new device with only the printed recovery key every room and key of a lost cartella, and its content', async () => {
    // The responsabile makes the ente's key once, prints the private half, configures the public half.
    const ente = generateRecoveryKey();
    const printedPrivate = recoveryPrivateKeyToText(ente);
    const configured = parseRecoveryPublicKeyText(recoveryPublicKeyToText(ente.publicKey));
    if (!configured.ok) throw new Error(configured.message);
    const mailbox = escrowMailbox(configured.value);

    // Giulia's laptop opens a cartella: two rooms, created on the relay, one diary note each.
    const laptop: DeviceIdentity = generateDeviceIdentity();
    const admin: PartKeyRecord = { roomId: generateRoomId(), currentEpoch: 1, keys: [{ epoch: 1, key: generatePartKey() }] };
    const prof1: PartKeyRecord = { roomId: generateRoomId(), currentEpoch: 1, keys: [{ epoch: 1, key: generatePartKey() }] };
    let keys: CartellaKeys = { cartellaId: 'cartella-2026-0042', admin, prof: prof1, addedAt: '2026-03-02T09:00:00.000Z' };
    const socket: TestClient = await relay.connect();
    const adminRoom = roomOf(admin);
    const profRoom = roomOf(prof1);
    await socket.create(adminRoom);
    await socket.create(profRoom);
    await socket.push(adminRoom, [adminRoom.author().update(64)]);
    await socket.push(profRoom, [profRoom.author().update(64)]);

    // It seals the cartella's keys to the ente's key and deposits under every room it holds.
    const firstBlob = sealToRecovery(configured.value, keys, laptop, SEALED_AT);
    await deposit(socket, adminRoom, mailbox, firstBlob);
    await deposit(socket, profRoom, mailbox, firstBlob);

    // A colleague leaves the équipe: the laptop rotates the prof part, then deposits again there.
    const k2 = generatePartKey();
    const profNext = new TestRoom(2, prof1.roomId, derivePartSubkeys(k2));
    socket.sendRotate(profRoom, profNext);
    expect(await socket.expect('rotated')).toMatchObject({ epoch: 2 });
    const newAuthor = profNext.author();
    await socket.push(profNext, [newAuthor.update(64)]);
    const prof2: PartKeyRecord = { roomId: prof1.roomId, currentEpoch: 2, keys: [...prof1.keys, { epoch: 2, key: k2 }] };
    keys = { ...keys, prof: prof2 };
    const secondBlob = sealToRecovery(configured.value, keys, laptop, SEALED_AT + 1000);
    await deposit(socket, profNext, mailbox, secondBlob);

    // An administrative colleague's device holds (and deposits) the admin part only: it replaces
    // the admin room's blob, and the prof keys stay safe under the prof room.
    const segreteria = generateDeviceIdentity();
    const adminOnly: CartellaKeys = { cartellaId: keys.cartellaId, admin, addedAt: keys.addedAt };
    const colleague = await relay.connect();
    await colleague.join(adminRoom);
    const adminBlob = sealToRecovery(configured.value, adminOnly, segreteria, SEALED_AT + 2000);
    await deposit(colleague, adminRoom, mailbox, adminBlob);
    socket.close();
    colleague.close();

    // The laptop is gone. A new device with nothing but the printed private text, typed in by
    // hand (groups only, lower case, spaces for hyphens: the parser accepts it):
    const typed = (printedPrivate.split(':')[1] ?? '').toLowerCase().replace(/-/g, ' ');
    const printed = parseRecoveryPrivateKeyText(typed);
    if (!printed.ok) throw new Error(printed.message);
    const recovery = await relay.connect();
    const items = await listAll(recovery, printed.value, 1);
    expect(new Map(items.map((i) => [toHex(i.room), toHex(i.blob)]))).toEqual(
      new Map([
        [toHex(admin.roomId), toHex(adminBlob)],
        [toHex(prof1.roomId), toHex(secondBlob)],
      ]),
    );
    expect(new Map(items.map((i) => [toHex(i.room), i.epoch]))).toEqual(new Map([[toHex(admin.roomId), 1], [toHex(prof1.roomId), 2]]));

    const knownDevices = new Set([toHex(laptop.signPublicKey), toHex(segreteria.signPublicKey)]);
    const fresh = newKeyringData({ nome: 'Responsabile del servizio', ruolo: 'responsabile' }, generateDeviceIdentity(), RECOVERED_AT);
    if (!fresh.ok) throw new Error(fresh.message);
    let keyring: KeyringData = fresh.value;
    for (const item of items) {
      const opened = openWithRecoveryKey(printed.value, item.blob, RECOVERED_AT);
      if (!opened.ok) throw new Error(opened.message);
      expect(knownDevices.has(toHex(opened.value.sealedBy))).toBe(true);
      // A relay could list a blob under another room: the keys must name the room they came under.
      const rooms = [opened.value.keys.admin.roomId, opened.value.keys.prof?.roomId].filter((r) => r !== undefined).map(toHex);
      expect(rooms).toContain(toHex(item.room));
      const merged = mergeCartellaKeys(keyring, opened.value.keys);
      if (!merged.ok) throw new Error(merged.message);
      keyring = merged.value.data;
    }
    expect(keyring.cartelle).toHaveLength(1);
    const recovered = keyring.cartelle[0]!;
    expect(recovered.cartellaId).toBe(keys.cartellaId);
    expect(partText(recovered.admin)).toBe(partText(admin));
    expect(partText(recovered.prof)).toBe(partText(prof2));

    // With the recovered keys the new device joins both rooms and reads every note, old epoch included.
    const reader = await relay.connect();
    for (const part of [recovered.admin, recovered.prof!]) {
      const frames = await reader.join(roomOf(part));
      const envelopes = frames.flatMap((f) => (f.type === 'envelopes' ? f.items.map((i) => i.envelope) : []));
      expect(envelopes.length).toBe(part === recovered.admin ? 1 : 2);
      for (const envelope of envelopes) {
        const opened = openEnvelope(envelope, {
          roomId: part.roomId,
          subkeysForEpoch: (epoch) => {
            const key = part.keys.find((k) => k.epoch === epoch)?.key;
            return key === undefined ? undefined : derivePartSubkeys(key);
          },
        });
        expect(opened.ok && new TextDecoder().decode(opened.value.plaintext)).toBe('a'.repeat(64));
      }
    }
  });
});
