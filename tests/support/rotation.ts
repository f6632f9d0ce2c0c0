/**
 * Test harness for key rotation at the engine level: key boxes for a set of devices, and a
 * device's `onRotation` that opens its own box (no roster: the workspace adds that check).
 */
import {
  generatePartKey, openKeyBox, parseKeyBoxes, sealKeyBoxes, type DeviceIdentity, type RoomId,
} from '../../crypto';
import type { RotationDecision, RotationRecord } from '../../crdt/sync/roomSync';

/** K' and its boxes for `members`, signed by `signer`. */
export function rotationFor(
  roomId: RoomId, fromEpoch: number, signer: DeviceIdentity, members: readonly DeviceIdentity[],
): { key: Uint8Array; keyBoxes: Uint8Array } {
  const key = generatePartKey();
  const keyBoxes = sealKeyBoxes({
    roomId, fromEpoch, toEpoch: fromEpoch + 1, key, signer,
    members: members.map((m) => ({ signPublicKey: m.signPublicKey, boxPublicKey: m.boxPublicKey })),
  });
  return { key, keyBoxes };
}

/** What a device's rotation handler saw and saved. */
export interface RotationLog {
  readonly records: RotationRecord[];
  readonly saved: Array<{ epoch: number; key: Uint8Array }>;
}

/**
 * An `onRotation` that opens `identity`'s box and "saves" the key into `log` — after `gate`
 * resolves, when given (to hold the save open in a test).
 */
export function openOwnBox(identity: DeviceIdentity, log: RotationLog, gate?: () => Promise<void>) {
  return async (record: RotationRecord): Promise<RotationDecision> => {
    log.records.push(record);
    const boxes = parseKeyBoxes(record.keyBoxes, record);
    if (!boxes.ok) return { kind: 'untrusted', code: boxes.code, message: boxes.message };
    const opened = openKeyBox(boxes.value, identity);
    if (!opened.ok) return { kind: 'revoked', code: opened.code, message: opened.message };
    if (gate) await gate();
    log.saved.push({ epoch: record.toEpoch, key: opened.value });
    return { kind: 'adopt', key: opened.value };
  };
}

export const newRotationLog = (): RotationLog => ({ records: [], saved: [] });
