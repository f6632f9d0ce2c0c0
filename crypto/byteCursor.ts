/**
 * @module crypto/byteCursor
 * Owns the cursor that the binary key formats (share bundle, recovery blob) are read and
 * written with. Reading past the end throws `Truncated` and an impossible value `Malformed`;
 * both are internal to the codecs, which turn them into a Result at their boundary, so a
 * parser reads field after field without a length check on every line and never throws out.
 */
import { concatBytes, readU16, readU32, readU64, writeU16, writeU32, writeU64 } from './bytes';

/** Internal: the input ended before the field. */
export class Truncated extends Error {}

/** Internal: a field holds a value the format does not allow; `message` names it. */
export class Malformed extends Error {}

/** Reads big-endian fields from `bytes` in order. Views share memory with `bytes`. */
export class ByteReader {
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Bytes not read yet. */
  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  /** Bytes read so far. */
  get position(): number {
    return this.offset;
  }

  /** The next `n` bytes (a view). */
  take(n: number): Uint8Array {
    if (n > this.remaining) throw new Truncated(`need ${n} bytes at ${this.offset}`);
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  u8(): number {
    return this.take(1)[0] as number;
  }

  u16(): number {
    return readU16(this.take(2), 0);
  }

  u32(): number {
    return readU32(this.take(4), 0);
  }

  /** A u64 that must fit a JS number exactly (≤ 2^53-1), else `Malformed`. */
  u64(what: string): number {
    const value = readU64(this.take(8), 0);
    if (value === undefined) throw new Malformed(`${what}: valore troppo grande`);
    return value;
  }
}

/** Appends big-endian fields; `finish` returns them as one array. */
export class ByteWriter {
  private readonly parts: Uint8Array[] = [];

  bytes(b: Uint8Array): this {
    this.parts.push(b.slice());
    return this;
  }

  u8(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new RangeError(`u8 out of range: ${v}`);
    this.parts.push(Uint8Array.of(v));
    return this;
  }

  u16(v: number): this {
    const b = new Uint8Array(2);
    writeU16(b, 0, v);
    this.parts.push(b);
    return this;
  }

  u32(v: number): this {
    const b = new Uint8Array(4);
    writeU32(b, 0, v);
    this.parts.push(b);
    return this;
  }

  u64(v: number): this {
    const b = new Uint8Array(8);
    writeU64(b, 0, v);
    this.parts.push(b);
    return this;
  }

  /** All fields written, concatenated. The writer's own copies are wiped (they may hold keys). */
  finish(): Uint8Array {
    const out = concatBytes(...this.parts);
    for (const p of this.parts) p.fill(0);
    return out;
  }
}
