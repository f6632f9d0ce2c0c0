/**
 * @module crdt/workspace/allegatiDopo
 * The workspace as the attachments see it (`WorkspacePerAllegati`), with their background work
 * held until `inizio` resolves. `AllegatiWorkspace` looks at every room when the workspace reports
 * a change, and declares the live set of each room that turned live (a ticket on the connection
 * and an HTTP request per room): at a cold start with 500 cartelle that is 1,000 requests while
 * the list of cartelle is being read. Through this view the attachments see the rooms and keys as
 * they are (an attachment added meanwhile is sealed and uploaded as usual), but are told of
 * workspace changes only when the connection's state changes; once `inizio` resolves they are told
 * once, and look at every room that turned live meanwhile, and at every change after that.
 */
import type { WorkspacePerAllegati } from './allegati';

export function allegatiDopo(ws: WorkspacePerAllegati, inizio: Promise<unknown>): WorkspacePerAllegati {
  let aperta = false;
  const ascoltatori = new Set<() => void>();
  const apri = (): void => {
    aperta = true;
    for (const l of [...ascoltatori]) l();
  };
  inizio.then(apri, apri);
  return {
    connection: () => ws.connection(),
    cartella: (id) => ws.cartella(id),
    cartelle: () => ws.cartelle(),
    subscribe(listener) {
      let stato = ws.connection().state;
      const smetti = ws.subscribe(() => {
        const ora = ws.connection().state;
        // Tickets die with the socket: a change of connection is passed on at once.
        if (aperta || ora !== stato) listener();
        stato = ora;
      });
      ascoltatori.add(listener);
      return () => {
        ascoltatori.delete(listener);
        smetti();
      };
    },
  };
}
