/**
 * @module client/cartella/sezioni/Diario
 * The diario cronologico: entries newest first with type, date and author; "Nuova voce"
 * (Alt+V) opens the editor at once with the caret in it. Entries are never deleted: an
 * entry can be edited in place only where the model allows (`voceModificabile`: its
 * author, the day it was written), otherwise it is corrected by a new entry that points to
 * it, and both stay readable.
 */
import { createMemo, createSignal, For, onCleanup, Show, type JSX } from 'solid-js';
import { ETICHETTE_TIPO_VOCE, TIPI_VOCE, type TipoVoce, type VoceDiario as Voce } from '../../../crdt/model';
import { t } from '../../strings';
import { Pulsante } from '../../ui';
import { useCartella } from '../contesto';
import { createPerId } from '../createPerId';
import { NuovaVoce } from './NuovaVoce';
import { VoceDiario } from './VoceDiario';

const s = t.cartella.diario;
const PAGINA = 30;

export function Diario(props: { elemento?: string | undefined }): JSX.Element {
  const c = useCartella();
  const [nuova, setNuova] = createSignal(false);
  const [tipo, setTipo] = createSignal<TipoVoce | ''>('');
  const [quante, setQuante] = createSignal(PAGINA);
  // The entry being written shows in its editor, not a second time in the list.
  const [inScrittura, setInScrittura] = createSignal<string>();
  let bottone: HTMLButtonElement | undefined;

  const voci = createMemo<readonly Voce[]>(() => {
    const tutte = c.vista().prof?.diario ?? [];
    const f = tipo();
    const nascosta = nuova() ? inScrittura() : undefined;
    return tutte.filter((v) => (!f || v.tipo === f) && v.id !== nascosta).reverse();
  });
  const righe = createPerId(voci);
  const perId = createMemo(() => new Map((c.vista().prof?.diario ?? []).map((v) => [v.id, v] as const)));
  const puoScrivere = (): boolean => c.equipe() && !c.chiusa();
  /** Brings an entry into the rendered page (corrections link to older entries), then into view. */
  const mostra = (id: string): void => {
    if (tipo()) setTipo('');
    const i = voci().findIndex((v) => v.id === id);
    if (i >= 0) setQuante((q) => Math.max(q, i + 1));
    queueMicrotask(() => {
      const el = document.getElementById(`voce-${id}`);
      el?.scrollIntoView({ block: 'center' });
      el?.focus();
    });
  };
  const apri = (): void => { if (puoScrivere()) setNuova(true); };
  const chiudi = (): void => { setNuova(false); setInScrittura(undefined); queueMicrotask(() => bottone?.focus()); };

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyV') { e.preventDefault(); apri(); }
  };
  window.addEventListener('keydown', onKeyDown);
  onCleanup(() => window.removeEventListener('keydown', onKeyDown));
  if (props.elemento) queueMicrotask(() => document.getElementById(`voce-${props.elemento}`)?.scrollIntoView({ block: 'center' }));

  return (
    <section class="sezione diario" aria-labelledby="titolo-diario">
      <div class="testa-sezione">
        <h2 id="titolo-diario">{s.titolo} <span class="conta">{s.conteggio(c.vista().prof?.diario.length ?? 0)}</span></h2>
        <div class="azioni">
          <label class="filtro-piccolo">
            <span>{s.filtroTipo}</span>
            <select onChange={(e) => setTipo(e.currentTarget.value as TipoVoce | '')}>
              <option value="" selected={tipo() === ''}>{s.tuttiTipi}</option>
              <For each={TIPI_VOCE}>{(x) => <option value={x} selected={tipo() === x}>{ETICHETTE_TIPO_VOCE[x]}</option>}</For>
            </select>
          </label>
          <Show when={puoScrivere() && !nuova()}>
            <Pulsante variante="primario" onClick={apri} scorciatoia="Alt+V" testid="nuova-voce"
              ref={(el) => { bottone = el; }}>{s.nuova}</Pulsante>
          </Show>
        </div>
      </div>
      <Show when={c.chiusa()}><p class="nota">{t.cartella.comune.chiusaSolaLettura}</p></Show>
      <Show when={nuova()}><NuovaVoce onFine={chiudi} onCreata={setInScrittura} /></Show>
      <Show when={voci().length > 0} fallback={<p class="vuoto">{s.vuoto}</p>}>
        <p class="nota">{s.ordine}</p>
        <ol class="elenco-diario" data-testid="diario">
          <For each={righe().slice(0, quante())}>{(v) => <VoceDiario voce={v} perId={perId()} mostra={mostra} />}</For>
        </ol>
        <Show when={voci().length > quante()}>
          <Pulsante onClick={() => setQuante((n) => n + PAGINA)}>{s.altre(Math.min(PAGINA, voci().length - quante()))}</Pulsante>
        </Show>
      </Show>
    </section>
  );
}
