/**
 * @module members-fixtures
 * Test support for the hand-over tests (not exported by the model): fake public keys in the
 * canonical form the strict input checks of members-chiavi.ts accept (the keys of
 * fixtures.ts are random base64url text, fine as stored keys but not always canonical).
 */
import type { AuthorKey } from './ids';

/** A canonical base64url text of 32 bytes derived from `n` (not a real curve point). */
export function chiaveProva(n: number): AuthorKey {
  const alfabeto = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let s = '';
  let x = (n * 2246822519) >>> 0;
  for (let i = 0; i < 42; i++) {
    x = (x * 1664525 + 1013904223 + i) >>> 0;
    s += alfabeto[x % 64];
  }
  return `${s}${'AEIMQUYcgkosw048'[n % 16] ?? 'A'}` as AuthorKey;
}
