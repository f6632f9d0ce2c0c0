/**
 * @module client/editor/BarraEditor
 * The editor's few formatting buttons (bold, italic, section heading, lists). Keyboard users
 * have the same through Tiptap's shortcuts (Ctrl+B, Ctrl+I, "## ", "- ", "1. "); the bar is
 * a WAI-ARIA toolbar: one Tab stop, arrows move between its buttons.
 */
import type { Editor } from '@tiptap/core';
import { For, type JSX } from 'solid-js';
import { t } from '../strings';

const s = t.cartella.editor;

interface Comando {
  readonly nome: string;
  readonly etichetta: string;
  readonly testo: string;
  readonly attivo: (e: Editor) => boolean;
  readonly esegui: (e: Editor) => void;
}

const COMANDI: readonly Comando[] = [
  { nome: 'bold', etichetta: s.grassetto, testo: 'G', attivo: (e) => e.isActive('bold'), esegui: (e) => e.chain().focus().toggleBold().run() },
  { nome: 'italic', etichetta: s.corsivo, testo: 'C', attivo: (e) => e.isActive('italic'), esegui: (e) => e.chain().focus().toggleItalic().run() },
  { nome: 'heading', etichetta: s.titoletto, testo: 'T', attivo: (e) => e.isActive('heading'), esegui: (e) => e.chain().focus().toggleHeading({ level: 2 }).run() },
  { nome: 'bulletList', etichetta: s.elenco, testo: '•', attivo: (e) => e.isActive('bulletList'), esegui: (e) => e.chain().focus().toggleBulletList().run() },
  { nome: 'orderedList', etichetta: s.elencoNumerato, testo: '1.', attivo: (e) => e.isActive('orderedList'), esegui: (e) => e.chain().focus().toggleOrderedList().run() },
];

export function BarraEditor(props: { editor: Editor; versione: number }): JSX.Element {
  const bottoni: HTMLButtonElement[] = [];
  const attivo = (c: Comando): boolean => {
    void props.versione; // re-read after every transaction
    return c.attivo(props.editor);
  };
  const onKeyDown = (e: KeyboardEvent, i: number): void => {
    const mosse: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: COMANDI.length - 1 };
    const j = mosse[e.key];
    if (j === undefined) return;
    e.preventDefault();
    bottoni[(j + COMANDI.length) % COMANDI.length]?.focus();
  };
  return (
    <div class="barra-editor" role="toolbar" aria-label={s.barra}>
      <For each={COMANDI}>
        {(c, i) => (
          <button type="button" class={`barra-btn barra-${c.nome}`} ref={(el) => { bottoni[i()] = el; }}
            tabindex={i() === 0 ? 0 : -1} aria-label={c.etichetta} title={c.etichetta}
            aria-pressed={attivo(c) ? 'true' : 'false'}
            onMouseDown={(e) => e.preventDefault()} onClick={() => c.esegui(props.editor)} onKeyDown={(e) => onKeyDown(e, i())}>
            {c.testo}
          </button>
        )}
      </For>
    </div>
  );
}
