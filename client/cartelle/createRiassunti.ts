/**
 * @module client/cartelle/createRiassunti
 * The summaries of every cartella on the device, as a signal: read in slices and kept per
 * cartella until one of its documents changes (client/lib/createLetture).
 */
import type { Workspace } from '../../crdt/workspace';
import { createLetture, type Letture } from '../lib/createLetture';
import { riassumi, type Riassunto } from './riassunto';

export type Riassunti = Letture<Riassunto>;

export function createRiassunti(workspace: Workspace, now: () => Date): Riassunti {
  return createLetture(workspace, 'riassunto', (c) => riassumi(c.id, c.cartella, now()), 'cartelle:lettura');
}
