/**
 * @module client/editor/EditorTesto
 * The rich-text editor of the cartella (diary entries, relazioni, verbali, valutazioni):
 * Tiptap bound to one Y.XmlFragment of the prof document through the Collaboration
 * extension, so every keystroke is a Yjs update that the sync engine seals, stores and sends
 * — nothing to "save", nothing lost. With an Awareness, colleagues' carets and names show.
 *
 * Solid pitfalls (TOOLCHAIN.md): the Editor is created once in onMount and destroyed in
 * onCleanup; reactive props only toggle `setEditable`, never re-create the editor (that
 * would tear down the Yjs binding). With Collaboration, ProseMirror's own undo is off (the
 * Yjs undo manager takes its place).
 */
import { Editor, type AnyExtension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Selection, TextSelection } from '@tiptap/pm/state';
import { createEffect, createSignal, onCleanup, onMount, Show, type JSX } from 'solid-js';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { BarraEditor } from './BarraEditor';
import { estensioniTesto } from './estensioni';
import './editor.css';

/** Who is typing, as colleagues see it next to the caret. */
export interface UtenteEditor {
  readonly name: string;
  /** `#rrggbb` */
  readonly color: string;
}

export interface EditorTestoProps {
  /** The item's rich text. Without it the editor is local (see client/cartella/sezioni/NuovaVoce). */
  frammento?: Y.XmlFragment | undefined;
  awareness?: Awareness | undefined;
  utente?: UtenteEditor | undefined;
  modificabile: boolean;
  /** Accessible name of the text area. */
  etichetta: string;
  idDescrizione?: string;
  /** Focus the editor as soon as it exists: at the end, or in the first empty paragraph (a template to fill). */
  autofocus?: boolean | 'primoVuoto';
  barra?: boolean;
  /** Ctrl+Invio or Esc inside the editor. */
  onFine?: () => void;
  /** After every change of the document (local or remote). */
  onModifica?: (editor: Editor) => void;
  onPronto?: (editor: Editor) => void;
  classe?: string;
  testid?: string;
}

export function EditorTesto(props: EditorTestoProps): JSX.Element {
  let contenitore: HTMLDivElement | undefined;
  const [editor, setEditor] = createSignal<Editor | undefined>();
  const [versione, setVersione] = createSignal(0);

  onMount(() => {
    if (!contenitore) return;
    const collaborativo = props.frammento !== undefined;
    const estensioni: AnyExtension[] = estensioniTesto(collaborativo);
    if (props.frammento) estensioni.push(Collaboration.configure({ fragment: props.frammento }));
    if (props.frammento && props.awareness && props.utente) {
      estensioni.push(CollaborationCaret.configure({ provider: { awareness: props.awareness }, user: { ...props.utente } }));
    }
    const ed = new Editor({
      element: contenitore,
      extensions: estensioni,
      editable: props.modificabile,
      editorProps: {
        attributes: {
          class: 'editor-testo',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': props.etichetta,
          ...(props.idDescrizione ? { 'aria-describedby': props.idDescrizione } : {}),
          ...(props.testid ? { 'data-testid': props.testid } : {}),
          spellcheck: 'true',
          lang: 'it',
        },
        handleKeyDown: (_view, e) => {
          if ((e.key === 'Enter' && (e.ctrlKey || e.metaKey)) || e.key === 'Escape') {
            if (!props.onFine) return false;
            e.preventDefault();
            props.onFine();
            return true;
          }
          return false;
        },
      },
      onTransaction: () => setVersione((v) => v + 1),
      onUpdate: ({ editor: e }) => props.onModifica?.(e),
    });
    setEditor(ed);
    // Focus now, not on the next frame as Tiptap's `focus()` does: keys typed meanwhile must land here.
    if (props.autofocus && props.modificabile) {
      const doc = ed.state.doc;
      let dove: Selection | undefined;
      if (props.autofocus === 'primoVuoto') {
        doc.descendants((n, pos) => {
          if (!dove && n.type.name === 'paragraph' && n.content.size === 0) dove = TextSelection.create(doc, pos + 1);
          return !dove && n.type.name !== 'paragraph';
        });
      }
      dove ??= Selection.atEnd(doc);
      ed.view.dispatch(ed.state.tr.setSelection(dove).scrollIntoView());
      ed.view.focus();
    }
    props.onPronto?.(ed);
  });

  createEffect(() => {
    const ed = editor();
    if (ed && ed.isEditable !== props.modificabile) ed.setEditable(props.modificabile);
  });

  onCleanup(() => {
    editor()?.destroy();
    setEditor(undefined);
  });

  return (
    <div class={`editor ${props.classe ?? ''}`} classList={{ 'editor-sola-lettura': !props.modificabile }}>
      <Show when={props.barra !== false && props.modificabile && editor()}>
        {(ed) => <BarraEditor editor={ed()} versione={versione()} />}
      </Show>
      <div ref={contenitore} class="editor-contenuto" />
    </div>
  );
}
