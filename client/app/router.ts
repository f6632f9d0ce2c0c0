/**
 * @module client/app/router
 * The PWA's routes as a typed value, kept in the URL hash so that reloads (and the offline
 * service worker) always serve the same index.html. One parser turns any hash into a route.
 */
import { createSignal, type Accessor } from 'solid-js';

/** Sections of a cartella's page, in the order the tabs show them. */
export const SEZIONI = [
  'riepilogo', 'anagrafica', 'diario', 'documenti', 'procedimento', 'relazioni', 'progetto', 'verbali',
  'valutazione', 'chiusura', 'equipe',
] as const;
export type Sezione = (typeof SEZIONI)[number];

export type Route =
  | { readonly name: 'elenco' }
  | { readonly name: 'nuovo' }
  | { readonly name: 'cartella'; readonly id: string; readonly sezione: Sezione; readonly elemento?: string }
  | { readonly name: 'impostazioni' }
  | { readonly name: 'agenda' }
  | { readonly name: 'statistiche' }
  | { readonly name: 'siuss' }
  | { readonly name: 'ricevi' }
  | { readonly name: 'recupero' };

const ID = /^[A-Za-z0-9_-]{8,64}$/;
/** Items inside a cartella (diary entries, relazioni …) have shorter ids than cartelle. */
const ELEMENTO = /^[A-Za-z0-9_-]{1,64}$/;

/** decodeURIComponent that never throws (a pasted address may hold a stray '%'). */
function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return '';
  }
}

/** Parses a location hash (`#/cartella/<id>/diario`) into a route; anything unknown is the list. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(safeDecode);
  const [head, id, sezione, elemento] = parts;
  if (head === 'nuovo') return { name: 'nuovo' };
  if (head === 'impostazioni') return { name: 'impostazioni' };
  if (head === 'agenda') return { name: 'agenda' };
  if (head === 'statistiche') return { name: 'statistiche' };
  if (head === 'siuss') return { name: 'siuss' };
  if (head === 'ricevi') return { name: 'ricevi' };
  if (head === 'recupero') return { name: 'recupero' };
  if (head === 'cartella' && id && ID.test(id)) {
    const s = (SEZIONI as readonly string[]).includes(sezione ?? '') ? (sezione as Sezione) : 'riepilogo';
    return { name: 'cartella', id, sezione: s, ...(elemento && ELEMENTO.test(elemento) ? { elemento } : {}) };
  }
  return { name: 'elenco' };
}

/** The hash of a route. */
export function formatRoute(route: Route): string {
  switch (route.name) {
    case 'elenco': return '#/';
    case 'nuovo': return '#/nuovo';
    case 'impostazioni': return '#/impostazioni';
    case 'agenda': return '#/agenda';
    case 'statistiche': return '#/statistiche';
    case 'siuss': return '#/siuss';
    case 'ricevi': return '#/ricevi';
    case 'recupero': return '#/recupero';
    case 'cartella': return `#/cartella/${encodeURIComponent(route.id)}/${route.sezione}${route.elemento ? `/${encodeURIComponent(route.elemento)}` : ''}`;
  }
}

/** The current route as a signal, following `hashchange`. */
export function createRoute(): [Accessor<Route>, (route: Route) => void] {
  const [route, setRoute] = createSignal<Route>(parseRoute(location.hash));
  window.addEventListener('hashchange', () => setRoute(parseRoute(location.hash)));
  const navigate = (next: Route): void => {
    const hash = formatRoute(next);
    if (location.hash !== hash) location.hash = hash;
    else setRoute(next);
  };
  return [route, navigate];
}
