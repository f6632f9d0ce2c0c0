/**
 * @module client/app/idleTimer
 * Owns "locks itself after inactivity": it watches the person's input on the page and calls
 * `onIdle` once nothing happened for `timeoutMs()`. The timeout is read at every check, so a
 * change in Impostazioni applies within `CHECK_EVERY_MS`. A laptop that slept is caught when
 * the page becomes visible again (timers do not run during sleep).
 */

/** Longest gap between two checks. */
const CHECK_EVERY_MS = 15_000;
/** What counts as the person being there. */
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'input'] as const;

export interface IdleTimer {
  stop(): void;
}

/** Starts watching; `onIdle` is called at most once. */
export function makeIdleTimer(options: { timeoutMs: () => number; onIdle: () => void }): IdleTimer {
  let last = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const activity = (): void => { last = Date.now(); };
  const check = (): void => {
    timer = undefined;
    if (stopped) return;
    const remaining = options.timeoutMs() - (Date.now() - last);
    if (remaining <= 0) {
      stop();
      options.onIdle();
      return;
    }
    timer = setTimeout(check, Math.min(remaining, CHECK_EVERY_MS));
  };
  const onVisibility = (): void => {
    if (document.visibilityState !== 'visible') return;
    if (timer !== undefined) clearTimeout(timer);
    check();
  };
  const stop = (): void => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, activity, true);
    document.removeEventListener('visibilitychange', onVisibility);
  };

  for (const type of ACTIVITY_EVENTS) window.addEventListener(type, activity, { capture: true, passive: true });
  document.addEventListener('visibilitychange', onVisibility);
  check();
  return { stop };
}
