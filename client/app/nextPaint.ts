/**
 * @module client/app/nextPaint
 * Lets the browser paint before a long synchronous step (Argon2id blocks the main thread for
 * ~0.1 s), so "Sblocco in corso…" is on screen while it runs. rAF never fires in a hidden
 * tab, so a short timeout stands in for it there.
 */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      resolve();
    };
    requestAnimationFrame(() => setTimeout(finish, 0));
    setTimeout(finish, 50);
  });
}
