/**
 * @module client/app/schermi
 * The cartella screens the route outlet shows, loaded on demand (code splitting: the editor
 * and the cartella sections are not needed to unlock). They are all precached by the
 * service worker, so "on demand" never means "needs the network".
 */
import { lazy } from 'solid-js';

export const ElencoCartelle = lazy(() => import('../cartelle').then((m) => ({ default: m.ElencoCartelle })));
export const NuovoAccesso = lazy(() => import('../cartelle').then((m) => ({ default: m.NuovoAccesso })));
export const CartellaView = lazy(() => import('../cartella').then((m) => ({ default: m.CartellaView })));
export const Agenda = lazy(() => import('../agenda').then((m) => ({ default: m.Agenda })));
export const Statistiche = lazy(() => import('../statistiche').then((m) => ({ default: m.Statistiche })));
export const FlussoSiuss = lazy(() => import('../statistiche').then((m) => ({ default: m.FlussoSiuss })));
