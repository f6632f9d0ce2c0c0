/**
 * @module client/app/tabLock
 * Owns "one tab at a time". The sync engine must never sign two envelopes with the same clock
 * (docs/SYNC.md), and two tabs of one browser share the device identity and the envelope log;
 * so only the tab holding the Web Lock `cartella-device` may open the keyring and the
 * workspace. A second tab can take the lock over (`steal`); the first one then learns it lost
 * the lock and locks itself.
 */

/** The Web Lock's name (one per origin, shared by every tab of this browser profile). */
export const TAB_LOCK_NAME = 'cartella-device';

/** A held lock. */
export interface TabLock {
  /** Resolves if another tab takes the lock over: stop writing, then lock. */
  readonly lost: Promise<void>;
  /** Gives the lock back (the tab is closing). */
  release(): void;
}

/** Whether this browser coordinates tabs (Web Locks need a secure context: https or localhost). */
export function tabLocksAvailable(): boolean {
  return typeof navigator !== 'undefined' && 'locks' in navigator && navigator.locks !== undefined;
}

/** How to ask: only if free, by taking it from the tab that holds it, or by waiting for it. */
export type ModoRichiesta = 'se-libero' | 'prendi' | 'attendi';

/**
 * Asks for the lock. `se-libero` resolves null when another tab holds it; `prendi` takes it
 * away from that tab (which then sees `lost`); `attendi` resolves when the other tab closes or
 * gives it back, unless `signal` aborts first (then it rejects with the abort reason).
 * Without Web Locks (an insecure context), every tab gets a lock that is never lost: the
 * engine's reseal of replayed clocks is then the only safety net.
 */
export function acquireTabLock(modo: ModoRichiesta, signal?: AbortSignal): Promise<TabLock | null> {
  if (!tabLocksAvailable()) return Promise.resolve({ lost: new Promise<void>(() => {}), release: () => {} });
  return new Promise((resolve, reject) => {
    let release: () => void = () => {};
    const held = new Promise<void>((r) => { release = r; });
    let markLost: () => void = () => {};
    const lost = new Promise<void>((r) => { markLost = r; });
    let granted = false;
    const options: LockOptions =
      modo === 'prendi' ? { steal: true } : modo === 'se-libero' ? { ifAvailable: true } : signal ? { signal } : {};
    navigator.locks
      .request(TAB_LOCK_NAME, options, (lock) => {
        if (!lock) {
          resolve(null);
          return undefined;
        }
        granted = true;
        resolve({ lost, release });
        return held; // the lock is held until this promise settles
      })
      .then(
        () => {},
        (e: unknown) => {
          // A stolen lock rejects the request with AbortError; before the grant, it is a failure
          // (or the abort of a wait).
          if (granted) markLost();
          else reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
  });
}
