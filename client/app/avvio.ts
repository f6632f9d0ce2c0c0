/**
 * @module client/app/avvio
 * The moment an unlocked app has shown what the person waits for: the list of cartelle read and
 * painted (client/cartelle/ElencoCartelle calls `elencoMostrato`; at most `maxMs` after it is
 * shown), or the first paint of another screen the app opened on. Work that can wait starts then —
 * the connection to the relay (1,000 handshakes), the workspace's roster upkeep
 * (`WorkspaceOptions.inizioCura`) and the attachments' look at every room (crdt/workspace/
 * allegatiDopo) — so a cold start with hundreds of cartelle shows the list first. One per page:
 * locking reloads it.
 */
import { nextPaint } from './nextPaint';

let segnala: (() => void) | undefined;
let mostrata: (() => void) | undefined;

/**
 * Resolves after the list was shown and painted, or `maxMs` (default 5 s) after the unlocked app
 * was first shown on the list (`sessioneMostrata`: opening the workspace itself may take seconds).
 */
export function attendiAvvio(maxMs = 5_000): Promise<void> {
  return new Promise<void>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fatto = (): void => {
      clearTimeout(timer);
      segnala = undefined;
      mostrata = undefined;
      resolve();
    };
    segnala = () => { void nextPaint().then(fatto); };
    mostrata = () => { timer ??= setTimeout(fatto, maxMs); };
  });
}

/**
 * The unlocked app is on screen (called by App). On the list, the longest wait starts now; on any
 * other screen nothing is being read for the person: the held work starts after this paint.
 */
export function sessioneMostrata(suElenco: boolean): void {
  if (suElenco) mostrata?.();
  else segnala?.();
}

/** The list of every cartella has been read (called by the list; later calls do nothing). */
export function elencoMostrato(): void {
  segnala?.();
}
