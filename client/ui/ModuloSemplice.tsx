/**
 * @module client/ui/ModuloSemplice
 * A small form described by its fields (text, long text, date, number, choice): labels,
 * inline errors for required fields, impossible or future dates and numbers out of range,
 * the operation's refusal next to its field or above the button. For the many short forms
 * of a procedure; longer forms are written out.
 */
import { createSignal, For, Match, Show, Switch, type JSX } from 'solid-js';
import type { CodiceErrore, Risultato } from '../../crdt/model';
import { t } from '../strings';
import { CampoAreaTesto, CampoTesto, facoltativo } from './Campo';
import { CampoData } from './CampoData';
import { createModulo } from './createModulo';
import { giorno } from '../../crdt/model';
import { isoDi, problemaData } from './date';
import { ErroreModulo, Pulsante } from './Pulsante';
import { Selezione, type Opzione } from './Selezione';

export interface CampoSemplice {
  readonly chiave: string;
  readonly etichetta: string;
  readonly tipo: 'testo' | 'area' | 'data' | 'numero' | 'scelta';
  readonly obbligatorio?: boolean;
  readonly iniziale?: string;
  readonly aiuto?: string;
  readonly max?: number;
  /** Numbers: inclusive range and whether decimals are allowed (Italian comma accepted). */
  readonly minimo?: number;
  readonly massimo?: number;
  readonly intero?: boolean;
  readonly opzioni?: readonly Opzione<string>[];
  /** Dates: refuse days after today (default true). */
  readonly nonFutura?: boolean;
  /** The message when a number is wrong. */
  readonly erroreNumero?: string;
  readonly largo?: boolean;
}

/** What the operation receives: text trimmed, dates as ISO days, numbers as numbers; empty fields absent. */
export type ValoriModulo = Readonly<Record<string, string | number>>;

const numero = (x: string): number | undefined => {
  const s = x.trim().replace(/\./g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : undefined;
};

export function ModuloSemplice(props: {
  id: string;
  titolo?: string;
  intro?: string;
  campi: readonly CampoSemplice[];
  invio: string;
  now: () => Date;
  onInvia: (valori: ValoriModulo) => Risultato<unknown>;
  onFatto?: () => void;
  campiDegliErrori?: Partial<Record<CodiceErrore, string>>;
  annulla?: () => void;
  testid?: string;
}): JSX.Element {
  const [valori, setValori] = createSignal<Record<string, string>>(Object.fromEntries(props.campi.map((c) => [c.chiave, c.iniziale ?? ''])));
  const v = (k: string): string => valori()[k] ?? '';
  let form: HTMLFormElement | undefined;
  const regola = (c: CampoSemplice) => (): string | undefined => {
    const x = v(c.chiave);
    if (c.tipo === 'data') return problemaData(x, { obbligatoria: !!c.obbligatorio, ...(c.nonFutura !== false ? { nonFutura: giorno(props.now()) } : {}) });
    if (x.trim() === '') return c.obbligatorio ? t.cartella.comune.obbligatorio : undefined;
    if (c.tipo === 'numero') {
      const n = numero(x);
      const ok = n !== undefined && (!c.intero || Number.isInteger(n)) && (c.minimo === undefined || n >= c.minimo) && (c.massimo === undefined || n <= c.massimo);
      return ok ? undefined : (c.erroreNumero ?? t.cartella.comune.obbligatorio);
    }
    return undefined;
  };
  const m = createModulo<string>(Object.fromEntries(props.campi.map((c) => [c.chiave, regola(c)])), props.campiDegliErrori ?? {});
  const imposta = (k: string) => (x: string): void => { setValori((p) => ({ ...p, [k]: x })); m.modifica(k); };
  const invia = (e: SubmitEvent): void => {
    e.preventDefault();
    const fatto = m.inviaSubito(form, () => {
      const out: Record<string, string | number> = {};
      for (const c of props.campi) {
        const x = v(c.chiave).trim();
        if (x === '') continue;
        out[c.chiave] = c.tipo === 'data' ? (isoDi(x) ?? x) : c.tipo === 'numero' ? (numero(x) ?? x) : x;
      }
      return props.onInvia(out);
    });
    if (fatto !== undefined) { m.azzera(); props.onFatto?.(); }
  };
  return (
    <form ref={form} class="modulo modulo-semplice" noValidate onSubmit={invia} aria-labelledby={props.titolo ? `${props.id}-titolo` : undefined}
      data-testid={props.testid}>
      <Show when={props.titolo}><h3 id={`${props.id}-titolo`}>{props.titolo}</h3></Show>
      <Show when={props.intro}><p class="nota">{props.intro}</p></Show>
      <div class="griglia-campi">
        <For each={props.campi}>
          {(c) => {
            const id = `${props.id}-${c.chiave}`;
            const etichetta = c.obbligatorio || c.tipo === 'scelta' ? c.etichetta : facoltativo(c.etichetta);
            const comuni = { id, etichetta, obbligatorio: !!c.obbligatorio, aiuto: c.aiuto, errore: m.errore(c.chiave) };
            return (
              <Switch>
                <Match when={c.tipo === 'data'}>
                  <CampoData {...comuni} errore={m.errore(c.chiave)} now={props.now} valore={v(c.chiave)} onInput={imposta(c.chiave)}
                    onBlur={() => m.tocca(c.chiave)} />
                </Match>
                <Match when={c.tipo === 'area'}>
                  <CampoAreaTesto {...comuni} errore={m.errore(c.chiave)} classe="campo-largo" valore={v(c.chiave)} onInput={imposta(c.chiave)}
                    maxLength={c.max ?? 4000} onBlur={() => m.tocca(c.chiave)} />
                </Match>
                <Match when={c.tipo === 'scelta'}>
                  <Selezione {...comuni} errore={m.errore(c.chiave)} valore={v(c.chiave)} opzioni={c.opzioni ?? []}
                    vuota={c.obbligatorio ? t.cartella.comune.scegli : t.cartella.comune.nessuno} onCambia={imposta(c.chiave)} />
                </Match>
                <Match when={true}>
                  <CampoTesto {...comuni} errore={m.errore(c.chiave)} classe={c.largo ? 'campo-largo' : ''} valore={v(c.chiave)}
                    onInput={imposta(c.chiave)} maxLength={c.max ?? 200} onBlur={() => m.tocca(c.chiave)} />
                </Match>
              </Switch>
            );
          }}
        </For>
      </div>
      <ErroreModulo messaggio={m.erroreGenerale()} />
      <div class="azioni">
        <Pulsante tipo="submit" variante="primario">{props.invio}</Pulsante>
        <Show when={props.annulla}>{(a) => <Pulsante onClick={a()}>{t.cartella.comune.annulla}</Pulsante>}</Show>
      </div>
    </form>
  );
}
