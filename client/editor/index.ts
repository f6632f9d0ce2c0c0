/**
 * @module client/editor
 * The Tiptap editor bound to the cartella's Yjs rich text, with colleagues' carets.
 */
export { EditorTesto, type EditorTestoProps, type UtenteEditor } from './EditorTesto';
export { coloreDi } from './colori';
