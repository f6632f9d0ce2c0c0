/**
 * @module client/statistiche/Statistiche
 * Statistics over every cartella this device can read (crdt/stats): a period and a
 * threshold under which counts of persons are hidden, the tables with their CSV (for Italian
 * Excel), and a bar chart of prese in carico and closures per month. Only aggregates are shown
 * or downloaded. The chart is drawn here in SVG (no chart library: no dependency, nothing the
 * CSP must allow, and the table under it carries the same figures for screen readers).
 */
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { leggiCartella, type VistaCartella } from '../../crdt/model';
import {
  comeOpzioniStatistiche, eRiservato, statistiche, tabelle, toCsv, type Cella, type OpzioniStatistiche, type Statistiche as Dati, type Tabella,
} from '../../crdt/stats';
import { formatRoute } from '../app/router';
import { useSession } from '../app/session';
import { scaricaFile } from '../chiavi/scaricaFile';
import { createLetture } from '../lib/createLetture';
import { t } from '../strings';
import { CampoData, dataBreve, ErroreModulo, isoDi, problemaData } from '../ui';
import './statistiche.css';

const s = t.statistiche;

export function Statistiche(): JSX.Element {
  const session = useSession();
  const letture = createLetture<VistaCartella>(session.workspace, 'vista', (c) => leggiCartella(c.cartella));
  const [dal, setDal] = createSignal('');
  const [al, setAl] = createSignal('');
  const [soglia, setSoglia] = createSignal('3');
  const [opzioni, setOpzioni] = createSignal<OpzioniStatistiche & { soglia: number }>({ soglia: 3 });
  const [errore, setErrore] = createSignal<string>();
  const calcola = (e: SubmitEvent): void => {
    e.preventDefault();
    const pd = dal().trim() ? problemaData(dal(), {}) : undefined;
    const pa = al().trim() ? problemaData(al(), {}) : undefined;
    if (pd || pa) { setErrore(pd ?? pa); return; }
    const raw = { ...(isoDi(dal()) ? { dal: isoDi(dal()) } : {}), ...(isoDi(al()) ? { al: isoDi(al()) } : {}), soglia: Number(soglia()) };
    const r = comeOpzioniStatistiche(raw);
    if (!r.ok) { setErrore(r.message); return; }
    setErrore(undefined);
    setOpzioni({ ...r.value, soglia: r.value.soglia ?? 3 });
  };
  const dati = createMemo<Dati | undefined>(() => {
    const viste = letture.elenco();
    if (letture.avanzamento()) return undefined;
    const { soglia: _s, ...periodo } = opzioni();
    return statistiche(viste, session.now(), periodo);
  });
  const tab = createMemo(() => { const d = dati(); return d ? tabelle(d, { soglia: opzioni().soglia }) : []; });

  return (
    <div class="pagina statistiche">
      <h1>{s.titolo}</h1>
      <p class="aiuto">{s.intro}</p>
      <p><a href={formatRoute({ name: 'siuss' })}>{s.siussLink}</a></p>
      <form class="modulo barra-statistiche" noValidate onSubmit={calcola}>
        <div class="griglia-campi">
          <CampoData id="stat-dal" etichetta={s.dal} now={session.now} valore={dal()} onInput={setDal} />
          <CampoData id="stat-al" etichetta={s.al} now={session.now} valore={al()} onInput={setAl} />
          <div class="campo">
            <label for="stat-soglia">{s.soglia}</label>
            <input id="stat-soglia" class="corto" type="number" min="0" max="20" step="1" value={soglia()}
              aria-describedby="stat-soglia-aiuto" onInput={(e) => setSoglia(e.currentTarget.value)} />
            <p class="aiuto" id="stat-soglia-aiuto">{s.sogliaAiuto}</p>
          </div>
        </div>
        <ErroreModulo messaggio={errore()} />
        <div class="azioni"><button type="submit" class="btn btn-primario">{s.aggiorna}</button></div>
      </form>
      <Show when={letture.avanzamento()}>{(a) => <p class="caricamento" role="status">{s.caricamento(a().fatte, a().totale)}</p>}</Show>
      <Show when={dati()}>
        {(d) => (
          <>
            <p data-testid="stat-riepilogo">{s.calcolate(d().cartelle, dataBreve(d().calcolateIl))}{' '}
              <Show when={d().periodo.dal}>{(x) => s.periodo(dataBreve(x()), dataBreve(d().periodo.al))}</Show></p>
            <Grafico dati={d()} />
            <For each={tab()}>{(tb) => <TabellaStat tabella={tb} />}</For>
          </>
        )}
      </Show>
    </div>
  );
}

function testoCella(c: Cella): string {
  if (eRiservato(c)) return s.riservato;
  if (c === null) return '—';
  return typeof c === 'number' ? c.toLocaleString('it-IT', { maximumFractionDigits: 1 }) : c;
}

function TabellaStat(props: { tabella: Tabella }): JSX.Element {
  const scarica = (): void => {
    scaricaFile(new TextEncoder().encode(toCsv(props.tabella)), `statistiche-${props.tabella.codice}.csv`, 'text/csv;charset=utf-8');
  };
  return (
    <section class="scheda tabella-stat" data-testid={`tabella-${props.tabella.codice}`}>
      <div class="testa-sezione">
        <h2>{props.tabella.titolo}</h2>
        <button type="button" class="btn btn-piccolo" onClick={scarica}>{s.csv}</button>
      </div>
      <div class="scorre">
        <table>
          <thead><tr><For each={props.tabella.colonne}>{(c) => <th scope="col" classList={{ numero: c.tipo !== 'testo' }}>{c.etichetta}</th>}</For></tr></thead>
          <tbody>
            <For each={props.tabella.righe}>
              {(r) => (
                <tr classList={{ totale: !!r.totale }}>
                  <For each={r.celle}>
                    {(c, i) => i() === 0 && props.tabella.colonne[0]?.tipo === 'testo'
                      ? <th scope="row">{testoCella(c)}</th>
                      : <td classList={{ numero: typeof c === 'number', riservato: eRiservato(c) }}>{testoCella(c)}</td>}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Prese in carico and closures per month, as paired bars (the same figures are in the table of flows). */
function Grafico(props: { dati: Dati }): JSX.Element {
  const mesi = (): Dati['flussi']['mesi'] => props.dati.flussi.mesi.slice(-12);
  const massimo = (): number => Math.max(1, ...mesi().flatMap((m) => [m.preseInCarico, m.chiusure]));
  const H = 140;
  const L = 36;
  return (
    <Show when={mesi().length > 0}>
      <figure class="scheda grafico-stat">
        <figcaption>{s.grafico}</figcaption>
        <svg viewBox={`0 0 ${mesi().length * L + 8} ${H + 34}`} width={mesi().length * L + 8} height={H + 34} role="img" aria-label={s.grafico} class="barre">
          <For each={mesi()}>
            {(m, i) => {
              const hp = (): number => (m.preseInCarico / massimo()) * H;
              const hc = (): number => (m.chiusure / massimo()) * H;
              return (
                <g transform={`translate(${i() * L + 4},0)`}>
                  <rect class="barra-prese" x="4" y={H - hp()} width="12" height={hp()}><title>{`${m.mese.etichetta}: ${m.preseInCarico} ${s.legendaPrese.toLowerCase()}`}</title></rect>
                  <rect class="barra-chiusure" x="17" y={H - hc()} width="12" height={hc()}><title>{`${m.mese.etichetta}: ${m.chiusure} ${s.legendaChiusure.toLowerCase()}`}</title></rect>
                  <text x="16" y={H + 14} text-anchor="middle">{m.mese.codice.slice(5)}</text>
                  <Show when={i() === 0 || m.mese.codice.endsWith('-01')}><text x="16" y={H + 28} text-anchor="middle" class="anno">{m.mese.codice.slice(0, 4)}</text></Show>
                </g>
              );
            }}
          </For>
        </svg>
        <p class="legenda"><span class="chiave-prese" aria-hidden="true" /> {s.legendaPrese} <span class="chiave-chiusure" aria-hidden="true" /> {s.legendaChiusure}</p>
      </figure>
    </Show>
  );
}
