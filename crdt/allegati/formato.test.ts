/** File types are recognised by their first bytes, never by name (docs/ATTACHMENTS.md). */
import { describe, expect, it } from 'vitest';
import { riconosciFormato } from './formato';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('riconosciFormato', () => {
  it('recognises a PDF by "%PDF-", a JPEG by FF D8 FF and a PNG by its 8-byte signature', () => {
    expect(riconosciFormato(bytes('%PDF-1.7\n%âãÏÓ\n'))).toBe('pdf');
    expect(riconosciFormato(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'))).toBe('jpeg');
    expect(riconosciFormato(bytes([0xff, 0xd8, 0xff, 0xe1], 'Exif'))).toBe('jpeg');
    expect(riconosciFormato(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR'))).toBe('png');
  });

  it('refuses everything else: other formats, truncated signatures, a PDF header not at the start, empty input', () => {
    for (const b of [
      bytes('PK', [3, 4]), // a .docx or .zip renamed to .pdf
      bytes('GIF89a'),
      bytes('<html>'),
      bytes('%PDF'), // truncated
      bytes([0xff, 0xd8]),
      bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a]),
      bytes(' %PDF-1.4'),
      new Uint8Array(0),
    ]) {
      expect(riconosciFormato(b)).toBeUndefined();
    }
  });
});
