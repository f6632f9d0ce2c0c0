/**
 * @module client/editor/estensioni
 * The editor's schema and behaviour, chosen one extension at a time instead of Tiptap's
 * StarterKit: StarterKit imports every extension it knows (links with linkify, code blocks,
 * horizontal rules...) and the bundler cannot drop what it imports, ~10 KB gzip the diary never
 * uses. What a social worker writes needs paragraphs, two heading levels, bold, italic,
 * underline, strike, lists, quotes and line breaks; those are the nodes and marks the
 * cartella's texts may contain (the relazione template is made of headings and paragraphs).
 *
 * No links on purpose: an autolinked address in a case file is one click from leaving the
 * encrypted app, and nothing in a diary needs it.
 */
import type { AnyExtension } from '@tiptap/core';
import { Blockquote } from '@tiptap/extension-blockquote';
import { Bold } from '@tiptap/extension-bold';
import { Document } from '@tiptap/extension-document';
import { HardBreak } from '@tiptap/extension-hard-break';
import { Heading } from '@tiptap/extension-heading';
import { Italic } from '@tiptap/extension-italic';
import { BulletList, ListItem, ListKeymap, OrderedList } from '@tiptap/extension-list';
import { Paragraph } from '@tiptap/extension-paragraph';
import { Strike } from '@tiptap/extension-strike';
import { Text } from '@tiptap/extension-text';
import { Underline } from '@tiptap/extension-underline';
import { TrailingNode, UndoRedo } from '@tiptap/extensions';

/**
 * The extensions of every text editor. `collaborativo`: the text is a shared Y.XmlFragment,
 * whose undo is Yjs's (ProseMirror's own history would undo colleagues' changes too).
 */
export function estensioniTesto(collaborativo: boolean): AnyExtension[] {
  const estensioni: AnyExtension[] = [
    Document, Paragraph, Text, HardBreak,
    Heading.configure({ levels: [2, 3] }),
    Bold, Italic, Underline, Strike, Blockquote,
    BulletList, OrderedList, ListItem, ListKeymap,
    TrailingNode,
  ];
  if (!collaborativo) estensioni.push(UndoRedo);
  return estensioni;
}
