/**
 * @module client/lib/createDocView
 * The bridge from Yjs to Solid: a signal holding `read()` of some Y.Docs, recomputed once per
 * microtask after any of them changes (local edits and colleagues' alike). Reads stay in
 * crdt/model; components only display what this returns.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type * as Y from 'yjs';

export function createDocView<T>(docs: ReadonlyArray<Y.Doc | null | undefined>, read: () => T): Accessor<T> {
  const [value, setValue] = createSignal<T>(read(), { equals: false });
  let scheduled = false;
  const onUpdate = (): void => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      setValue(() => read());
    });
  };
  const present = docs.filter((d): d is Y.Doc => !!d);
  for (const doc of present) doc.on('update', onUpdate);
  onCleanup(() => { for (const doc of present) doc.off('update', onUpdate); });
  return value;
}
