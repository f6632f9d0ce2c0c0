/**
 * @module client/cartella/createPerId
 * Every read of a cartella gives new (frozen) objects, so a list rendered with `<For>` over
 * them would re-create every row — and tear down an editor open in one — at each keystroke
 * of anyone. This keeps one signal per item id instead: rows live as long as their item,
 * and only their content updates.
 */
import { createMemo, createSignal, type Accessor, type Setter } from 'solid-js';

export function createPerId<T extends { readonly id: string }>(lista: Accessor<readonly T[]>): Accessor<readonly Accessor<T>[]> {
  const celle = new Map<string, [Accessor<T>, Setter<T>]>();
  return createMemo(() => {
    const visti = new Set<string>();
    const out: Accessor<T>[] = [];
    for (const x of lista()) {
      visti.add(x.id);
      let c = celle.get(x.id);
      if (!c) {
        c = createSignal<T>(x, { equals: false });
        celle.set(x.id, c);
      } else c[1](() => x);
      out.push(c[0]);
    }
    for (const id of [...celle.keys()]) if (!visti.has(id)) celle.delete(id);
    return out;
  });
}
