/**
 * @module client/ui/Schede
 * Tabs (WAI-ARIA tabs pattern, automatic activation): ←/→ move between tabs and open them,
 * Home/End go to the first/last; only the selected tab is in the Tab order. Each tab's
 * panel is the element with id `<id>-pannello` that the caller renders.
 */
import { For, type JSX } from 'solid-js';

export interface Scheda<V extends string> {
  readonly valore: V;
  readonly etichetta: string;
  /** A badge after the label (e.g. a count), already worded for screen readers. */
  readonly nota?: string;
  readonly scorciatoia?: string;
}

export function Schede<V extends string>(props: {
  etichetta: string;
  schede: readonly Scheda<V>[];
  selezionata: V;
  onScegli: (v: V) => void;
  idPannello: string;
}): JSX.Element {
  const bottoni: HTMLButtonElement[] = [];
  const vai = (i: number): void => {
    const n = props.schede.length;
    const j = (i + n) % n;
    const s = props.schede[j];
    if (!s) return;
    props.onScegli(s.valore);
    bottoni[j]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent, i: number): void => {
    const mosse: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: props.schede.length - 1 };
    const j = mosse[e.key];
    if (j === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    vai(j);
  };
  return (
    <div class="schede" role="tablist" aria-label={props.etichetta}>
      <For each={props.schede}>
        {(s, i) => (
          <button type="button" role="tab" class="scheda-tab" id={`tab-${s.valore}`}
            ref={(el) => { bottoni[i()] = el; }}
            aria-selected={props.selezionata === s.valore ? 'true' : 'false'}
            aria-controls={props.idPannello} tabindex={props.selezionata === s.valore ? 0 : -1}
            aria-keyshortcuts={s.scorciatoia}
            onClick={() => props.onScegli(s.valore)} onKeyDown={(e) => onKeyDown(e, i())}>
            {s.etichetta}
            {s.nota ? <span class="scheda-nota">{s.nota}</span> : null}
          </button>
        )}
      </For>
    </div>
  );
}
