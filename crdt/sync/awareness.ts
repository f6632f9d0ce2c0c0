/**
 * @module crdt/sync/awareness
 * Carries a y-protocols `Awareness` (carets, selections, who is in the cartella) over the
 * room's ephemeral envelopes: sealed with the awareness subkey, fanned out by the relay, never
 * stored. Tiptap's CollaborationCaret reads the same `Awareness`.
 */
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import type { RoomSync } from './roomSync';

const REMOTE = 'cartella-awareness-remote';

interface AwarenessChange { added: number[]; updated: number[]; removed: number[] }

/**
 * Binds `awareness` to `room` until the returned function is called (which also tells the
 * others that this device left).
 */
export function bindAwareness(room: RoomSync, awareness: Awareness): () => void {
  const sendStates = (clients: number[]): void => {
    if (clients.length) room.sendEphemeral(encodeAwarenessUpdate(awareness, clients));
  };
  const onLocal = ({ added, updated, removed }: AwarenessChange, origin: unknown): void => {
    if (origin === REMOTE) return;
    sendStates([...added, ...updated, ...removed]);
  };
  awareness.on('update', onLocal);
  // A device we had not seen yet joined: tell it who we are at once instead of at the next
  // 15-second renewal (once per burst of newcomers).
  let answerQueued = false;
  const onRemote = ({ added }: AwarenessChange, origin: unknown): void => {
    if (origin !== REMOTE || added.length === 0 || answerQueued) return;
    answerQueued = true;
    queueMicrotask(() => {
      answerQueued = false;
      if (awareness.getLocalState() !== null) sendStates([awareness.clientID]);
    });
  };
  awareness.on('change', onRemote);
  const offEphemeral = room.subscribeEphemeral((payload) => {
    try {
      applyAwarenessUpdate(awareness, payload, REMOTE);
    } catch {
      // a key holder sent bytes that are not an awareness update: ignore them
    }
  });
  if (room.status.phase === 'live' && awareness.getLocalState() !== null) sendStates([awareness.clientID]);
  // when the room (re)joins, announce ourselves so newcomers see who is here
  let wasLive = room.status.phase === 'live';
  const offStatus = room.subscribe((event) => {
    if (event.type !== 'status') return;
    const live = event.status.phase === 'live';
    if (live && !wasLive) sendStates([awareness.clientID]);
    if (!live && wasLive) {
      const others = [...awareness.getStates().keys()].filter((c) => c !== awareness.clientID);
      removeAwarenessStates(awareness, others, REMOTE);
    }
    wasLive = live;
  });
  return () => {
    removeAwarenessStates(awareness, [awareness.clientID], 'local'); // sent to the others by onLocal
    awareness.off('update', onLocal);
    awareness.off('change', onRemote);
    offEphemeral();
    offStatus();
  };
}
