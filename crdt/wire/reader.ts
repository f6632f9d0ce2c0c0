/**
 * @module crdt/wire/reader
 * Owns the bounds-checked cursor the frame decoder reads untrusted bytes with. It never throws
 * and never reads past the end: the first problem is recorded (sticky) and every later read
 * returns a harmless placeholder, so a decoder can read a whole layout straight through and
 * look at `failure` once at the end. Byte fields come back as views of the input (zero copy).
 */

const EMPTY = new Uint8Array(0);
const TWO_POW_32 = 0x1_0000_0000;
/** Largest high word of a u64 that still fits in Number.MAX_SAFE_INTEGER (2^53 - 1). */
const MAX_SAFE_HIGH_WORD = 0x1f_ffff;
// fatal: invalid UTF-8 is a refusal, not U+FFFD; ignoreBOM: a leading U+FEFF is kept, so
// encode(decode(bytes)) gives the same bytes back.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class FrameReader {
  private offset: number;
  private problem: string | undefined;
  private readonly view: DataView;

  constructor(private readonly input: Uint8Array, start: number) {
    this.offset = start;
    this.view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  }

  /** The first problem met, or undefined while the input is well-formed so far. */
  get failure(): string | undefined {
    return this.problem;
  }

  /** Bytes not read yet. */
  get remaining(): number {
    return this.input.length - this.offset;
  }

  /** Records a problem; only the first one is kept (it is the cause, the rest are echoes). */
  fail(message: string): void {
    this.problem ??= message;
  }

  u8(field: string): number {
    const at = this.take(1, field);
    return at < 0 ? 0 : this.view.getUint8(at);
  }

  u16(field: string): number {
    const at = this.take(2, field);
    return at < 0 ? 0 : this.view.getUint16(at);
  }

  u32(field: string): number {
    const at = this.take(4, field);
    return at < 0 ? 0 : this.view.getUint32(at);
  }

  /** A u64 as a number; above Number.MAX_SAFE_INTEGER it is a failure, never a rounded value. */
  u64(field: string): number {
    const at = this.take(8, field);
    if (at < 0) return 0;
    const high = this.view.getUint32(at);
    if (high > MAX_SAFE_HIGH_WORD) {
      this.fail(`${field} at offset ${at} is above 2^53 - 1`);
      return 0;
    }
    return high * TWO_POW_32 + this.view.getUint32(at + 4);
  }

  /** A u8 that must be 0 or 1. */
  flag(field: string): boolean {
    const value = this.u8(field);
    if (value > 1) this.fail(`${field} is ${value}, expected 0 or 1`);
    return value === 1;
  }

  /** `length` bytes as a view of the input (not a copy). */
  bytes(length: number, field: string): Uint8Array {
    const at = this.take(length, field);
    return at < 0 ? EMPTY : this.input.subarray(at, at + length);
  }

  /** A u32 length followed by that many bytes; an envelope is never empty. */
  envelope(field: string): Uint8Array {
    const length = this.u32(`${field} length`);
    if (length === 0) this.fail(`${field} at offset ${this.offset - 4} has length 0`);
    return this.bytes(length, field);
  }

  /** A u32 length in 1..max followed by that many bytes (checked before anything is read). */
  boundedBytes(max: number, field: string): Uint8Array {
    const length = this.u32(`${field} length`);
    if (this.problem !== undefined) return EMPTY;
    if (length === 0 || length > max) {
      this.fail(`${field} at offset ${this.offset - 4} has length ${length}, expected 1 to ${max}`);
      return EMPTY;
    }
    return this.bytes(length, field);
  }

  /**
   * A u32 item count, refused before anything is allocated when `count` items of at least
   * `minItemBytes` each cannot fit in what is left.
   */
  count(minItemBytes: number, field: string): number {
    const count = this.u32(field);
    if (count * minItemBytes > this.remaining) {
      this.fail(`${field} ${count} needs at least ${count * minItemBytes} bytes, ${this.remaining} left`);
      return 0;
    }
    return count;
  }

  /** A u16 length followed by that many bytes of strict UTF-8. */
  utf8(field: string): string {
    const bytes = this.bytes(this.u16(`${field} length`), field);
    if (this.problem !== undefined) return '';
    // A fatal TextDecoder reports invalid UTF-8 only by throwing: this catch is that API's error
    // channel, scoped to one call on bytes whose length is already checked.
    try {
      return UTF8.decode(bytes);
    } catch {
      this.fail(`${field} is not valid UTF-8`);
      return '';
    }
  }

  /** Everything must have been read: trailing bytes are a failure. */
  end(): void {
    if (this.remaining > 0) this.fail(`${this.remaining} trailing byte(s) at offset ${this.offset}`);
  }

  /** Reserves `length` bytes and returns their offset, or -1 (and records why) if it cannot. */
  private take(length: number, field: string): number {
    if (this.problem !== undefined) return -1;
    if (length > this.remaining) {
      this.fail(`${field} needs ${length} bytes at offset ${this.offset}, ${this.remaining} left`);
      return -1;
    }
    const at = this.offset;
    this.offset += length;
    return at;
  }
}
