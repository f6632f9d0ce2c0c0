/**
 * @module client/cartella/Presenze
 * Who else has this cartella open right now, and in which section: the other states of
 * the cartella's Awareness (names as each colleague's device announces them).
 */
import { createSignal, For, onCleanup, Show, type JSX } from 'solid-js';
import type { Sezione } from '../app/router';
import { t } from '../strings';
import { useCartella } from './contesto';

interface Presenza { readonly id: number; readonly nome: string; readonly colore: string; readonly sezione?: string }

const leggi = (x: unknown, k: string): unknown => (typeof x === 'object' && x !== null ? (x as Record<string, unknown>)[k] : undefined);

export function Presenze(): JSX.Element {
  const c = useCartella();
  const aw = c.awareness;
  const [altri, setAltri] = createSignal<readonly Presenza[]>([]);
  if (aw) {
    const aggiorna = (): void => {
      const out: Presenza[] = [];
      for (const [id, stato] of aw.getStates()) {
        if (id === aw.clientID) continue;
        const user = leggi(stato, 'user');
        const nome = leggi(user, 'name');
        const colore = leggi(user, 'color');
        const sezione = leggi(stato, 'sezione');
        if (typeof nome !== 'string' || nome.trim() === '') continue;
        out.push({
          id, nome: nome.slice(0, 100), colore: typeof colore === 'string' && /^#[0-9a-f]{6}$/i.test(colore) ? colore : '#56636b',
          ...(typeof sezione === 'string' && sezione in t.cartella.sezioni ? { sezione: t.cartella.sezioni[sezione as Sezione] } : {}),
        });
      }
      out.sort((a, b) => a.nome.localeCompare(b.nome, 'it'));
      setAltri(out);
    };
    aw.on('change', aggiorna);
    onCleanup(() => aw.off('change', aggiorna));
    aggiorna();
  }
  return (
    <Show when={altri().length > 0}>
      <section class="presenze" aria-label={t.cartella.vista.presenti} data-testid="presenze">
        <h2 class="solo-lettori">{t.cartella.vista.presenti}</h2>
        <span class="presenze-titolo" aria-hidden="true">{t.cartella.vista.presenti}</span>
        <ul>
          <For each={altri()}>
            {(p) => (
              <li class="presenza">
                <span class="pallino-presenza" style={{ 'background-color': p.colore }} aria-hidden="true" />
                {p.sezione ? t.cartella.vista.presenteIn(p.nome, p.sezione) : p.nome}
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
