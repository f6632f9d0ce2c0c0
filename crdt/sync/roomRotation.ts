/**
 * @module crdt/sync/roomRotation
 * A room's side of revocation by rotation (docs/PROTOCOL.md §4.9, docs/ROTATION.md): checking
 * each `rotation` record with the relay-auth key of its old epoch, asking the device what to do
 * with it (open its key box, check the rotator, save the key), and this device's own `rotate`
 * request and its answer. While a key is being decided or saved the room's frames wait
 * (`hold`/`release`), so nothing of the new epoch is read before its key is held and durable.
 * `RoomSync` owns the phases; this owns the records and the request.
 */
import { bytesEqual, derivePartSubkeys, signRoomRotate, verifyRoomRotate, type PartSubkeys, type RoomId } from '../../crypto';
import type { Frame } from '../wire';
import type { RoomKeyChain } from './roomKeyChain';
import type { RotateOutcome, RotateRefusal, RotationDecision, RotationRecord } from './roomTypes';

type RotationFrame = Extract<Frame, { type: 'rotation' }>;

/** What the room engine does for its rotation desk. */
export interface RotationHost {
  readonly roomBytes: RoomId;
  readonly keys: RoomKeyChain;
  send(frame: Frame): boolean;
  problem(code: string, message: string): void;
  /** Frames of the room wait from now on... */
  hold(): void;
  /** ...and are handled again, in order. */
  release(): void;
  /** A new epoch's key is held and saved. `own`: this device's rotation, its socket is at it already. */
  adopted(epoch: number, own: boolean): void;
  /** The room cannot follow the rotation. */
  stopped(phase: 'revoked' | 'untrusted-rotation' | 'refused', code: string, message: string): void;
  /** Nothing is being decided any more. */
  settled(): void;
}

/** Whether `key` is the key whose relay-auth public key the record switched the room to. */
export function rotationKeyMatches(record: Pick<RotationRecord, 'newRelayAuthPublicKey'>, key: Uint8Array): boolean {
  const sub = derivePartSubkeys(key);
  return bytesEqual(sub.relayAuth.publicKey, record.newRelayAuthPublicKey);
}

interface PendingRotate {
  readonly toEpoch: number;
  readonly subkeys: PartSubkeys;
  readonly persist: () => Promise<void>;
  readonly resolve: (outcome: RotateOutcome) => void;
}

export class RoomRotation {
  private deciding = false;
  private pending: PendingRotate | undefined;
  /** A record this device did not trust, kept to look at again (`retry`). */
  private untrusted: RotationFrame | undefined;

  constructor(
    private readonly host: RotationHost,
    private readonly decide: ((record: RotationRecord) => Promise<RotationDecision>) | undefined,
  ) {}

  /** A record is being decided or this device's new key is being saved. */
  get busy(): boolean {
    return this.deciding;
  }

  /** This device's `rotate` awaits its answer. */
  get requesting(): boolean {
    return this.pending !== undefined;
  }

  /** A `rotation` frame (records arrive one at a time: later frames wait while one is decided). */
  record(frame: RotationFrame): void {
    const known = this.host.keys;
    if (frame.toEpoch <= known.epoch && known.subkeysForEpoch(frame.toEpoch)) return; // already followed (records repeat)
    const oldKey = known.relayAuthPublicKey(frame.fromEpoch);
    if (!oldKey) {
      this.host.problem('rotation_unverifiable', `Rotation ${frame.fromEpoch}→${frame.toEpoch}: no key of epoch ${frame.fromEpoch} to check it with`);
      return;
    }
    const { fromEpoch, toEpoch, newRelayAuthPublicKey, keyBoxes, nonce, signature } = frame;
    if (!verifyRoomRotate(oldKey, this.host.roomBytes, fromEpoch, toEpoch, newRelayAuthPublicKey, keyBoxes, nonce, signature)) {
      this.host.problem('rotation_invalid', `Rotation ${fromEpoch}→${toEpoch} is not signed by the room's key of epoch ${fromEpoch}: ignored`);
      return;
    }
    const record: RotationRecord = { roomId: this.host.roomBytes, fromEpoch, toEpoch, newRelayAuthPublicKey: newRelayAuthPublicKey.slice(), keyBoxes: keyBoxes.slice() };
    this.deciding = true;
    this.host.hold();
    void this.decideRecord(frame, record).finally(() => {
      this.deciding = false;
      this.host.release();
      this.host.settled();
    });
  }

  private async decideRecord(frame: RotationFrame, record: RotationRecord): Promise<void> {
    if (!this.decide) return this.host.stopped('revoked', 'rotation_unhandled', 'The room was rotated and this device cannot receive keys');
    let decision: RotationDecision;
    try {
      decision = await this.decide(record);
    } catch (e) {
      return this.host.stopped('refused', 'rotation_failed', `Rotation ${record.fromEpoch}→${record.toEpoch}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (decision.kind === 'revoked') return this.host.stopped('revoked', decision.code, decision.message);
    if (decision.kind === 'untrusted') {
      this.untrusted = frame;
      return this.host.stopped('untrusted-rotation', decision.code, decision.message);
    }
    if (!rotationKeyMatches(record, decision.key)) {
      this.untrusted = frame;
      return this.host.stopped('untrusted-rotation', 'rotation_key_mismatch', 'The key in this device\'s box is not the key the room was switched to');
    }
    this.untrusted = undefined;
    this.host.keys.add(record.toEpoch, derivePartSubkeys(decision.key));
    this.host.adopted(record.toEpoch, false);
  }

  /** Looks again at a record this device did not trust (e.g. its roster has changed since). */
  retry(): void {
    const frame = this.untrusted;
    if (!frame || this.deciding) return;
    this.untrusted = undefined;
    this.record(frame);
  }

  /**
   * Sends `rotate` from the current epoch to the next, signed with the current relay-auth key
   * over this socket's challenge `nonce`. On `rotated`, `persist` saves K' durably before the
   * room uses it.
   */
  request(nonce: Uint8Array, key: Uint8Array, keyBoxes: Uint8Array, persist: () => Promise<void>): Promise<RotateOutcome> {
    if (this.pending || this.deciding) return Promise.resolve(refusal('rotation_in_progress', 'A rotation of this room is already under way'));
    const keys = this.host.keys;
    const fromEpoch = keys.epoch;
    const old = keys.subkeysForEpoch(fromEpoch);
    if (!old) throw new Error(`no subkeys for the current epoch ${fromEpoch}`);
    const subkeys = derivePartSubkeys(key);
    const toEpoch = fromEpoch + 1;
    const newRelayAuthPublicKey = subkeys.relayAuth.publicKey;
    const signature = signRoomRotate(old.relayAuth.privateKey, this.host.roomBytes, fromEpoch, toEpoch, newRelayAuthPublicKey, keyBoxes, nonce);
    return new Promise<RotateOutcome>((resolve) => {
      this.pending = { toEpoch, subkeys, persist, resolve };
      const sent = this.host.send({ type: 'rotate', room: this.host.roomBytes, fromEpoch, toEpoch, newRelayAuthPublicKey, signature, keyBoxes });
      if (!sent) this.answer(refusal('offline', 'Not connected'));
    });
  }

  /** `rotated`: this device's rotation won. Save K', then switch. */
  rotated(epoch: number): void {
    const p = this.pending;
    if (!p || p.toEpoch !== epoch) {
      this.host.problem('rotation_unexpected', `The relay says the room was rotated to ${epoch} by this device, which did not ask for it`);
      return;
    }
    this.pending = undefined;
    this.deciding = true;
    this.host.hold();
    void (async () => {
      try {
        await p.persist();
      } catch (e) {
        // The relay moved on and the key is not durable: stop; at the next join the record
        // comes back with this device's own box and the key is saved then.
        this.host.stopped('refused', 'store_failed', `The new key could not be saved: ${e instanceof Error ? e.message : String(e)}`);
        p.resolve(refusal('store_failed', 'The relay switched to the new key but it could not be saved on this device'));
        return;
      }
      this.host.keys.add(epoch, p.subkeys);
      this.host.adopted(epoch, true);
      p.resolve({ ok: true, epoch });
    })().finally(() => {
      this.deciding = false;
      this.host.release();
      this.host.settled();
    });
  }

  /** An error frame that answers the pending request, if any (`rotate_conflict`: records follow). */
  refused(code: RotateRefusal, message: string): boolean {
    if (!this.pending) return false;
    this.answer(refusal(code, message));
    return true;
  }

  /** The socket closed: a pending request's outcome is unknown (the next join tells). */
  disconnected(): void {
    this.refused('offline', 'The connection closed before the relay answered');
  }

  private answer(outcome: RotateOutcome): void {
    const p = this.pending;
    this.pending = undefined;
    p?.resolve(outcome);
  }
}

function refusal(code: RotateRefusal, message: string): RotateOutcome {
  return { ok: false, code, message };
}
