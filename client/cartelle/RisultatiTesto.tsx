/**
 * @module client/cartelle/RisultatiTesto
 * What the search finds inside the cartelle (diary, relazioni, verbali, valutazioni, the
 * segretariato access, the household) beside the list's name and codice fiscale filter: per
 * cartella its best places, each with a short extract and the words found marked, linking to
 * the entry. The index is the device's (client/lib/ricerca).
 */
import { createMemo, For, Show, type JSX } from 'solid-js';
import type { SearchHit, SearchWhere } from '../../crdt/search';
import { formatRoute, type Sezione } from '../app/router';
import { useSession } from '../app/session';
import { t } from '../strings';
import { dataBreve } from '../ui';

const s = t.cartella.elenco.testo;
const SEZIONE: Readonly<Record<SearchWhere, Sezione>> = {
  anagrafica: 'anagrafica', nucleo: 'anagrafica', segretariato: 'riepilogo', diario: 'diario',
  relazione: 'relazioni', verbale: 'verbali', valutazione: 'valutazione',
};
const IN_TESTO: ReadonlySet<SearchWhere> = new Set(['segretariato', 'diario', 'relazione', 'verbale', 'valutazione', 'nucleo']);

export function RisultatiTesto(props: { testo: string }): JSX.Element {
  const session = useSession();
  const risultati = createMemo(() => {
    void session.ricerca.versione();
    const q = props.testo.trim();
    if (q.length < 3) return [];
    return session.ricerca.cerca(q).cartelle
      .map((c) => ({ ...c, hits: c.hits.filter((h) => IN_TESTO.has(h.where)) }))
      .filter((c) => c.hits.length > 0)
      .slice(0, 10);
  });
  const href = (cartella: string, h: SearchHit): string => formatRoute({
    name: 'cartella', id: cartella, sezione: SEZIONE[h.where], ...(h.id && h.where !== 'nucleo' ? { elemento: h.id } : {}),
  });
  return (
    <Show when={risultati().length > 0}>
      <section class="scheda risultati-testo" aria-labelledby="titolo-risultati-testo" data-testid="risultati-testo">
        <h2 id="titolo-risultati-testo">{s.titolo}</h2>
        <ul>
          <For each={risultati()}>
            {(c) => (
              <li>
                <strong>{c.nominativo || t.cartella.comune.sconosciuto}</strong>
                <ul>
                  <For each={c.hits}>
                    {(h) => (
                      <li>
                        <a href={href(c.cartellaId, h)}>{s.dove[h.where]}{h.data ? `, ${dataBreve(h.data)}` : ''}</a>{': '}
                        <span class="estratto">
                          {h.snippet.cutStart ? '… ' : ''}
                          <For each={h.snippet.parts}>{(p) => (p.match ? <mark>{p.text}</mark> : <>{p.text}</>)}</For>
                          {h.snippet.cutEnd ? ' …' : ''}
                        </span>
                      </li>
                    )}
                  </For>
                </ul>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
