/**
 * @module crypto/sodium
 * Owns the one libsodium instance of the app. libsodium's WASM loads asynchronously, so every
 * entry point (app start, relay start, each test file) awaits `initSodium()` once; after that
 * all crypto is synchronous, which keeps sealing and verifying free of `await` on hot paths.
 */
import libsodium from 'libsodium-wrappers-sumo';

/** The libsodium API (sumo build: includes Argon2id for the keyring). */
export type Sodium = typeof libsodium;

let readyInstance: Sodium | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads libsodium. Idempotent and safe to call concurrently: every caller awaits the same
 * promise.
 */
export function initSodium(): Promise<void> {
  loading ??= libsodium.ready.then(() => {
    readyInstance = libsodium;
  });
  return loading;
}

/**
 * The ready libsodium instance.
 * @throws Error if `initSodium()` has not completed (a programming error: calling libsodium
 * before its WASM is loaded fails in confusing ways deep inside the library).
 */
export function sodium(): Sodium {
  if (readyInstance === undefined) {
    throw new Error('libsodium is not ready: await initSodium() once at startup before using crypto/');
  }
  return readyInstance;
}
