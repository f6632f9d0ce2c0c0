/**
 * @module client/app/session
 * What every screen of an unlocked PWA receives: the device workspace (all cartelle, sync),
 * who is working, the settings, the clock and navigation. Screens read it with `useSession()`.
 */
import { createContext, useContext } from 'solid-js';
import type { KeyringData } from '../../crypto';
import type { AuthorKey } from '../../crdt/model';
import type { Workspace } from '../../crdt/workspace';
import type { AllegatiWorkspace } from '../../crdt/workspace/allegati';
import type { Ricerca } from '../lib/ricerca';
import type { ChiaviSessione } from './chiaviSessione';
import type { Route } from './router';

export interface Session {
  readonly workspace: Workspace;
  readonly profile: KeyringData['profile'];
  /** The roster key of this device (the `autore` of every operation). */
  readonly autore: AuthorKey;
  /** The device settings; reactive (a getter over a signal) inside components. */
  readonly settings: KeyringData['settings'];
  /** Search across the cartelle on the device (names, codici fiscali, text), index sealed at rest. */
  readonly ricerca: Ricerca;
  /** This device's keys as the keys screens may use them (code, backup, passphrase, recovery key). */
  readonly chiavi: ChiaviSessione;
  /** Seals the new settings into the keyring and stores it; rejects (nothing saved) if invalid. */
  saveSettings(settings: KeyringData['settings']): Promise<void>;
  /** Locks the app now: flushes the workspace, forgets the keys, shows the unlock screen. */
  lock(): void;
  /** The clock, injectable for tests (operations never read it themselves). */
  now(): Date;
  navigate(route: Route): void;
}

export const SessionContext = createContext<Session>();

/** The session of the unlocked app; throws outside of it (a programming error). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside an unlocked session');
  return session;
}

/** The attachments of each open workspace (registered by deviceWorkspace.ts as it opens them). */
const allegatiDi = new WeakMap<Workspace, AllegatiWorkspace>();

/** Registers the attachments opened with `workspace`. */
export function registraAllegati(workspace: Workspace, allegati: AllegatiWorkspace): void {
  allegatiDi.set(workspace, allegati);
}

/** The attachments of the unlocked device; undefined when they could not be opened on it. */
export function useAllegati(): AllegatiWorkspace | undefined {
  return allegatiDi.get(useSession().workspace);
}
