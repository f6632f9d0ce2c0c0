/**
 * @module crypto/result
 * Owns the `Result` type: how every parser and verifier of untrusted bytes reports a refusal
 * without throwing. Throwing is kept for programming errors (wrong key length, a sealer fed
 * an impossible header), so a `catch` never hides an attacker's input.
 */

/** A successful outcome carrying `value`. */
export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

/** A refusal with a stable machine-readable `code` and a human-readable `message`. */
export interface Err<C extends string = string> {
  readonly ok: false;
  readonly code: C;
  readonly message: string;
}

/**
 * The outcome of parsing or verifying untrusted input. `code` is stable (tests and the relay's
 * error frames depend on it); `message` is for logs and may change.
 */
export type Result<T, C extends string = string> =
  | { ok: true; value: T }
  | { ok: false; code: C; message: string };

/** Wraps `value` as a success. */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/** Builds a refusal with a stable `code`. */
export function err<C extends string>(code: C, message: string): Err<C> {
  return { ok: false, code, message };
}
