/**
 * @module client/chiavi/linkConsegna
 * A hand-over link (`…/#ricevi=<bundle>`, docs/SHARING.md) carries the cartella's keys in the
 * URL fragment, which browsers never send to a server. On arrival the fragment is taken into
 * memory and removed from the address bar and from history (`history.replaceState`) before
 * anything else runs; the app then shows "Ricevi una cartella" once unlocked.
 */
import { SHARE_LINK_PARAM } from '../../crypto';

let inAttesa: string | undefined;

/** Call first thing at start: keeps a hand-over fragment in memory and strips it from the URL. */
export function catturaLinkConsegna(loc: Location = location, h: History = history): void {
  if (!loc.hash.startsWith(`#${SHARE_LINK_PARAM}=`)) return;
  inAttesa = loc.hash;
  h.replaceState(null, '', `${loc.pathname}${loc.search}#/ricevi`);
}

/** The captured fragment, once: reading it forgets it. */
export function prendiLinkConsegna(): string | undefined {
  const x = inAttesa;
  inAttesa = undefined;
  return x;
}
