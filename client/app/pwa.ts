/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * @module client/app/pwa
 * Registers the service worker (vite-plugin-pwa, generateSW: every built file precached, so
 * after the first visit the app starts with the network off). A new version never takes over
 * by itself — that would reload the page under someone typing: `aggiornamentoDisponibile`
 * turns true and the shell offers "Aggiorna ora", which saves the work first.
 */
import { createSignal } from 'solid-js';
import { registerSW } from 'virtual:pwa-register';

const [disponibile, setDisponibile] = createSignal(false);
let aggiorna: ((reloadPage?: boolean) => Promise<void>) | undefined;

/** True when a new version waits to be activated. */
export const aggiornamentoDisponibile = disponibile;

/** Registers the service worker once, at start (no-op where service workers are unavailable). */
export function registraServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  aggiorna = registerSW({
    immediate: true,
    onNeedRefresh: () => setDisponibile(true),
  });
}

/** Activates the waiting version; the page reloads once it controls the page. */
export async function attivaAggiornamento(): Promise<void> {
  if (aggiorna) await aggiorna(true);
  else location.reload();
}
