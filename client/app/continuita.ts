/**
 * @module client/app/continuita
 * Continuity on this device (docs/RECOVERY.md): starts the workspace's depositor of recovery
 * copies once the app is unlocked — it waits a little, so the list of cartelle comes first —
 * with its records in the device database, and gives the screens its state as a signal. The
 * recovery procedure itself is `Workspace.recupera`; this module only holds what the screens need.
 */
import { createSignal, type Accessor } from 'solid-js';
import type { DeviceIdentity, KeyringData } from '../../crypto';
import {
  DepositiRecupero, parseEscrowRecords, serializeEscrowRecords, type EscrowRecord, type StatoDepositi, type Workspace,
} from '../../crdt/workspace';
import type { DeviceStore } from './deviceStore';

export interface Continuita {
  /** The depositor's state, refreshed after each deposit and each change of the workspace. */
  readonly stato: Accessor<StatoDepositi>;
  /** The last deposit of one cartella. */
  record(cartellaId: string): EscrowRecord | undefined;
  /** Look again now (after the recovery key changed). */
  nudge(): void;
  close(): void;
}

const continuitaDi = new WeakMap<Workspace, Continuita>();

/** The continuity of the unlocked device (undefined before `avviaContinuita` resolved). */
export function continuitaDel(workspace: Workspace): Continuita | undefined {
  return continuitaDi.get(workspace);
}

const VUOTO: StatoDepositi = { configurato: false, totale: 0, depositate: 0, menoRecente: undefined, pieno: false };

export async function avviaContinuita(
  workspace: Workspace, identity: DeviceIdentity, store: DeviceStore, settings: () => KeyringData['settings'],
): Promise<Continuita> {
  const [stato, setStato] = createSignal<StatoDepositi>(VUOTO, { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  const ref: { dep?: DepositiRecupero } = {};
  // The workspace changes often (every sync step of every room): read the state at most once a second.
  let programmato: ReturnType<typeof setTimeout> | undefined;
  const aggiorna = (): void => {
    programmato ??= setTimeout(() => {
      programmato = undefined;
      if (ref.dep) setStato(ref.dep.stato());
    }, 1_000);
  };
  const dep = await DepositiRecupero.start({
    workspace,
    identity,
    recoveryPublicKey: () => settings().recoveryPublicKey,
    records: {
      load: async () => parseEscrowRecords(await store.readEscrowRecords()),
      save: (records) => store.writeEscrowRecords(serializeEscrowRecords(records)),
    },
    startDelayMs: 3_000,
    onChange: aggiorna,
  });
  ref.dep = dep;
  const off = workspace.subscribe(aggiorna);
  setStato(dep.stato());
  const c: Continuita = {
    stato,
    record: (id) => dep.record(id),
    nudge: () => { dep.nudge(); aggiorna(); },
    close: () => { off(); clearTimeout(programmato); dep.close(); },
  };
  continuitaDi.set(workspace, c);
  return c;
}
