/**
 * @module crdt/sync/logReader
 * Reads a room's seq-ordered stream of envelopes (from the relay, or the local log at open):
 * verify and open each, check its author's clock (exactly last + 1), and turn its plaintext
 * into a Yjs update to apply — whole, or once the last part of a large change arrives.
 * Nothing unverified ever becomes an update; every refusal is reported with its code.
 * Epochs never go down along the log (the relay accepts only the room's current epoch, which
 * only rises): an envelope of an older epoch than one already read is refused, so a removed
 * member's old key cannot slip content in after a rotation, even through a hostile relay.
 */
import { checkClock, envelopeId, toHex, type EnvelopeHeader } from '../../crypto';
import { ClockBook } from './clockBook';
import type { RoomSealer } from './roomSealer';
import { parseFramedUpdate, PartAssembler } from './updateFraming';

/** What one envelope of the stream yielded. */
export interface ReadEnvelope {
  /** Envelope id (hex), also for refused envelopes (they stay in the log for the audit). */
  readonly id: string;
  /** The verified header, when the envelope opened. */
  readonly header?: EnvelopeHeader;
  /** A Yjs update to apply, when there is one (not for replays, refusals or partial changes). */
  readonly update?: Uint8Array;
}

export type ProblemSink = (code: string, message: string, seq?: number) => void;

export class LogReader {
  readonly clocks = new ClockBook();
  private readonly assembler = new PartAssembler();
  /** The highest epoch read along the log so far (envelopes and snapshots). */
  private epochFloor = 0;

  constructor(private readonly sealer: RoomSealer, private readonly problem: ProblemSink) {}

  /** True while a large change is half received (a snapshot now would not contain it). */
  get incomplete(): boolean {
    return this.assembler.incomplete;
  }

  /** A snapshot of `epoch` was applied: what follows it in the log is of that epoch or later. */
  noteEpoch(epoch: number): void {
    if (epoch > this.epochFloor) this.epochFloor = epoch;
  }

  /** Reads the envelope at `seq` of the stream. */
  ordered(bytes: Uint8Array, seq: number): ReadEnvelope {
    const opened = this.sealer.open(bytes);
    if (!opened.ok) {
      this.problem(opened.code, `Envelope ${seq} refused: ${opened.message}`, seq);
      return { id: toHex(envelopeId(bytes)) };
    }
    const { header, plaintext } = opened.value;
    const id = toHex(opened.value.id);
    if (header.kind !== 'update') {
      this.problem('envelope_kind', `Envelope ${seq} is not an update`, seq);
      return { id, header };
    }
    if (header.epoch < this.epochFloor) {
      this.problem('envelope_epoch_regressed', `Envelope ${seq} is of epoch ${header.epoch}, after epoch ${this.epochFloor} in the log: ignored`, seq);
      return { id };
    }
    this.epochFloor = header.epoch;
    const checked = checkClock('update', this.clocks.last(header.epoch, header.author), header.clock);
    if (!checked.ok) {
      this.problem(checked.code, `Envelope ${seq}: ${checked.message}`, seq);
      if (checked.code === 'envelope_clock_replay') return { id, header };
    }
    this.clocks.note(header.epoch, header.author, header.clock);
    const update = this.absorb(toHex(header.author), plaintext, seq);
    return update ? { id, header, update } : { id, header };
  }

  /** Turns a verified update plaintext into a Yjs update (whole, or the last part of a large one). */
  absorb(authorHex: string, plaintext: Uint8Array, seq?: number): Uint8Array | undefined {
    const framed = parseFramedUpdate(plaintext);
    if (!framed.ok) { this.problem(framed.code, framed.message, seq); return undefined; }
    if (framed.value.kind === 'whole') return framed.value.update;
    const assembled = this.assembler.add(authorHex, framed.value);
    if (!assembled.ok) { this.problem(assembled.code, assembled.message, seq); return undefined; }
    return assembled.value;
  }
}
