/**
 * @module crdt/history
 * The signed history of a cartella ("Storia"): every envelope of a room verified and
 * replayed on a scratch document, attributed to the roster member whose key signed it (or
 * shown as unverified), with the sections it changed and the items it created. Pure
 * functions of the envelopes, the keys and the roster. See docs/HISTORY.md.
 */
export { replayRoom } from './replay';
export {
  storia, autoreVerificato, attribuzioniContestate, storiaCartella, envelopesFromRoomLog, ETICHETTE_SEZIONE,
  type VoceStoria, type AutoreVerificato, type StanzaInput,
} from './storia';
export type {
  RoomEnvelope, RosterEntry, RoomHistoryInput, Firmatario, Position, Creation, EnvelopeReport, RoomHistory, Admission,
} from './types';
export type { CreatedItem } from './scratchDoc';
