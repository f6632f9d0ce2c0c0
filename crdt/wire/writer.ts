/**
 * @module crdt/wire/writer
 * Owns the frame builder: one allocation of the exact size, big-endian integers, and checks that
 * throw on a value the layout cannot carry. Those are programming errors of the caller (a room
 * of the wrong length, a seq that is not a safe integer), never untrusted input, so they throw.
 */

const TWO_POW_32 = 0x1_0000_0000;
const UTF8 = new TextEncoder();

export class FrameWriter {
  private readonly out: Uint8Array;
  private readonly view: DataView;
  private offset = 0;

  /** Allocates the frame once and writes its type byte. */
  constructor(size: number, type: number) {
    this.out = new Uint8Array(size);
    this.view = new DataView(this.out.buffer);
    this.u8(type, 'type');
  }

  u8(value: number, field: string): void {
    this.view.setUint8(this.reserve(1, field), checkInt(value, 0xff, field));
  }

  u16(value: number, field: string): void {
    this.view.setUint16(this.reserve(2, field), checkInt(value, 0xffff, field));
  }

  u32(value: number, field: string): void {
    this.view.setUint32(this.reserve(4, field), checkInt(value, 0xffff_ffff, field));
  }

  u64(value: number, field: string): void {
    checkInt(value, Number.MAX_SAFE_INTEGER, field);
    const at = this.reserve(8, field);
    this.view.setUint32(at, Math.floor(value / TWO_POW_32));
    this.view.setUint32(at + 4, value % TWO_POW_32);
  }

  /** A fixed-size field (room, id, key, signature): any other length is refused. */
  fixed(bytes: Uint8Array, length: number, field: string): void {
    if (bytes.length !== length) {
      throw new RangeError(`${field} must be ${length} bytes, got ${bytes.length}`);
    }
    this.out.set(bytes, this.reserve(length, field));
  }

  /** A u32 length followed by the envelope bytes; an envelope is never empty. */
  envelope(bytes: Uint8Array, field: string): void {
    if (bytes.length === 0) throw new RangeError(`${field} must not be empty`);
    this.u32(bytes.length, `${field} length`);
    this.out.set(bytes, this.reserve(bytes.length, field));
  }

  /** A u32 length in 1..max followed by the bytes (the `keyBoxes` of rotation frames). */
  boundedBytes(bytes: Uint8Array, max: number, field: string): void {
    if (bytes.length === 0 || bytes.length > max) throw new RangeError(`${field} must be 1 to ${max} bytes, got ${bytes.length}`);
    this.u32(bytes.length, `${field} length`);
    this.out.set(bytes, this.reserve(bytes.length, field));
  }

  /** A u16 byte length followed by `text` as UTF-8; `byteLength` must be `utf8Length(text)`. */
  utf8(text: string, byteLength: number, field: string): void {
    this.u16(byteLength, `${field} length`);
    const at = this.reserve(byteLength, field);
    const { written } = UTF8.encodeInto(text, this.out.subarray(at, at + byteLength));
    if (written !== byteLength) throw new RangeError(`${field}: UTF-8 length mismatch`);
  }

  /** The finished frame; a size computed wrong by the caller is caught here. */
  finish(): Uint8Array {
    if (this.offset !== this.out.length) {
      throw new RangeError(`frame size ${this.out.length} but ${this.offset} bytes written`);
    }
    return this.out;
  }

  private reserve(length: number, field: string): number {
    if (this.offset + length > this.out.length) {
      throw new RangeError(`${field} overflows the frame (size ${this.out.length})`);
    }
    const at = this.offset;
    this.offset += length;
    return at;
  }
}

/**
 * The number of bytes `TextEncoder` produces for `text`, computed without allocating. A lone
 * surrogate counts 3 bytes: TextEncoder replaces it with U+FFFD.
 */
export function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) length += 1;
    else if (unit < 0x800) length += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 4;
      i++;
    } else length += 3;
  }
  return length;
}

function checkInt(value: number, max: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${field} must be an integer in [0, ${max}], got ${value}`);
  }
  return value;
}
