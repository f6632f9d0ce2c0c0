/**
 * @module client/cartella/sezioni/Progetto
 * The progetto individualizzato: objectives → expected results → the person's commitments
 * → the services' supports → times; the review schedule (`prossimaVerifica`), the person's
 * signature (after which objectives change only through reviews), the reviews with an
 * outcome per objective, and a printable copy for signing.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import {
  aggiungiObiettivo, definisciProgetto, ESITI_OBIETTIVO, firmaProgetto, prossimaVerifica, registraVerifica,
  type EsitoObiettivo, type Obiettivo, type Progetto as ProgettoVista,
} from '../../../crdt/model';
import { stampa } from '../../print';
import { t } from '../../strings';
import { dataBreve, ModuloSemplice, oggiTesto, Pulsante, type CampoSemplice, type ValoriModulo } from '../../ui';
import { useCartella } from '../contesto';
import { StampaProgetto } from '../stampe/StampaProgetto';

const s = t.cartella.progetto;
const TXT = (x: string | number | undefined): string => (x === undefined ? '' : String(x));

const CAMPI_OBIETTIVO: readonly CampoSemplice[] = [
  { chiave: 'descrizione', etichetta: s.obiettivo, tipo: 'area', obbligatorio: true },
  { chiave: 'risultatiAttesi', etichetta: s.risultatiAttesi, tipo: 'area', obbligatorio: true },
  { chiave: 'impegniPersona', etichetta: s.impegniPersona, tipo: 'area', obbligatorio: true },
  { chiave: 'sostegniServizi', etichetta: s.sostegniServizi, tipo: 'area', obbligatorio: true },
  { chiave: 'tempi', etichetta: s.tempi, tipo: 'testo', obbligatorio: true, max: 400 },
  { chiave: 'scadenza', etichetta: s.scadenza, tipo: 'data', nonFutura: false },
];
const obiettivoDa = (v: ValoriModulo): Parameters<typeof aggiungiObiettivo>[1] => ({
  descrizione: TXT(v['descrizione']), risultatiAttesi: TXT(v['risultatiAttesi']), impegniPersona: TXT(v['impegniPersona']),
  sostegniServizi: TXT(v['sostegniServizi']), tempi: TXT(v['tempi']), ...(v['scadenza'] ? { scadenza: TXT(v['scadenza']) } : {}),
});

export function Progetto(): JSX.Element {
  const c = useCartella();
  const progetto = (): ProgettoVista | undefined => c.vista().prof?.progetto;
  const scrivibile = (): boolean => c.equipe() && !c.chiusa();
  return (
    <section class="sezione progetto" aria-labelledby="titolo-progetto">
      <div class="testa-sezione">
        <h2 id="titolo-progetto">{s.titolo}</h2>
        <Show when={progetto()}>
          <Pulsante onClick={() => stampa({ titolo: s.titolo, contenuto: () => <StampaProgetto /> })} testid="stampa-progetto">{s.stampa}</Pulsante>
        </Show>
      </div>
      <Show when={c.chiusa()}><p class="nota">{t.cartella.comune.chiusaSolaLettura}</p></Show>
      <Show when={progetto()} fallback={
        <>
          <p class="vuoto">{s.nessuno}</p>
          <Show when={scrivibile()}>
            <div class="scheda">
              <ModuloSemplice id="progetto" titolo={s.definisci} invio={s.definisci} now={c.now}
                campiDegliErrori={{ date_incoerenti: 'chiusuraPrevista' }}
                campi={[
                  { chiave: 'dataInizio', etichetta: s.dataInizio, tipo: 'data', obbligatorio: true, iniziale: oggiTesto(c.now()), nonFutura: false },
                  { chiave: 'verificaOgniMesi', etichetta: s.verificaOgniMesi, tipo: 'numero', obbligatorio: true, iniziale: '6', minimo: 1, massimo: 24, intero: true, erroreNumero: s.mesiErrati },
                  { chiave: 'chiusuraPrevista', etichetta: s.chiusuraPrevista, tipo: 'data', obbligatorio: true, nonFutura: false },
                  ...CAMPI_OBIETTIVO,
                ]}
                onInvia={(v) => c.esegui((x, ctx) => definisciProgetto(x, {
                  dataInizio: TXT(v['dataInizio']), verificaOgniMesi: Number(v['verificaOgniMesi']), chiusuraPrevista: TXT(v['chiusuraPrevista']),
                  obiettivi: [obiettivoDa(v)],
                }, ctx))} />
            </div>
          </Show>
        </>
      }>
        {(p) => <ProgettoDefinito progetto={p()} scrivibile={scrivibile()} />}
      </Show>
    </section>
  );
}

function ProgettoDefinito(props: { progetto: ProgettoVista; scrivibile: boolean }): JSX.Element {
  const c = useCartella();
  const [azione, setAzione] = createSignal<'obiettivo' | 'firma' | 'verifica'>();
  const esiti = t.cartella.etichette.esitiObiettivo;
  const p = (): ProgettoVista => props.progetto;
  return (
    <>
      <dl class="dati scheda dati-progetto">
        <dt>{s.dataInizio}</dt><dd>{dataBreve(p().dataInizio)}</dd>
        <dt>{s.verificaOgniMesi}</dt><dd>{p().verificaOgniMesi}</dd>
        <dt>{s.prossimaVerifica}</dt><dd>{dataBreve(prossimaVerifica(p()))}</dd>
        <dt>{s.chiusuraPrevista}</dt><dd>{dataBreve(p().chiusuraPrevista)}</dd>
        <dt>{s.firmatoIl}</dt><dd>{p().firmatoIl ? dataBreve(p().firmatoIl) : s.nonFirmato}</dd>
      </dl>
      <h3>{s.obiettivi}</h3>
      <ol class="obiettivi">
        <For each={p().obiettivi}>{(o) => <SchedaObiettivo obiettivo={o} />}</For>
      </ol>
      <Show when={props.scrivibile}>
        <div class="azioni">
          <Show when={!p().firmatoIl}>
            <Pulsante onClick={() => setAzione('obiettivo')}>{s.aggiungiObiettivo}</Pulsante>
            <Pulsante onClick={() => setAzione('firma')}>{s.firma}</Pulsante>
          </Show>
          <Show when={p().firmatoIl}><Pulsante onClick={() => setAzione('verifica')}>{s.registraVerifica}</Pulsante></Show>
        </div>
        <Show when={azione() === 'obiettivo'}>
          <div class="scheda">
            <ModuloSemplice id="obiettivo" titolo={s.aggiungiObiettivo} invio={s.aggiungiObiettivo} now={c.now} campi={CAMPI_OBIETTIVO}
              annulla={() => setAzione(undefined)} onFatto={() => setAzione(undefined)}
              onInvia={(v) => c.esegui((x, ctx) => aggiungiObiettivo(x, obiettivoDa(v), ctx))} />
          </div>
        </Show>
        <Show when={azione() === 'firma'}>
          <div class="scheda">
            <ModuloSemplice id="firma" titolo={s.firmaTitolo} invio={s.firma} now={c.now} annulla={() => setAzione(undefined)} onFatto={() => setAzione(undefined)}
              campiDegliErrori={{ data_futura: 'data' }}
              campi={[{ chiave: 'data', etichetta: s.dataFirma, tipo: 'data', obbligatorio: true, iniziale: oggiTesto(c.now()) }]}
              onInvia={(v) => c.esegui((x, ctx) => firmaProgetto(x, { data: TXT(v['data']) }, ctx))} />
          </div>
        </Show>
        <Show when={azione() === 'verifica'}>
          <div class="scheda">
            <ModuloSemplice id="verifica" titolo={s.registraVerifica} invio={s.registraVerifica} now={c.now} annulla={() => setAzione(undefined)}
              onFatto={() => setAzione(undefined)} campiDegliErrori={{ data_futura: 'data' }}
              campi={[
                { chiave: 'data', etichetta: s.dataVerifica, tipo: 'data', obbligatorio: true, iniziale: oggiTesto(c.now()) },
                ...p().obiettivi.map((o, i): CampoSemplice => ({
                  chiave: `esito-${o.id}`, etichetta: `${s.esitoDi(i + 1)}: ${o.descrizione.slice(0, 60)}`, tipo: 'scelta',
                  opzioni: ESITI_OBIETTIVO.map((e) => ({ valore: e, etichetta: esiti[e] ?? e })),
                })),
                { chiave: 'note', etichetta: s.note, tipo: 'area' },
              ]}
              onInvia={(v) => c.esegui((x, ctx) => registraVerifica(x, {
                data: TXT(v['data']), ...(v['note'] ? { note: TXT(v['note']) } : {}),
                esiti: p().obiettivi.flatMap((o) => (v[`esito-${o.id}`] ? [{ obiettivo: o.id, esito: TXT(v[`esito-${o.id}`]) as EsitoObiettivo }] : [])),
              }, ctx))} />
          </div>
        </Show>
      </Show>
      <h3>{s.verifiche}</h3>
      <Show when={p().verifiche.length > 0} fallback={<p class="vuoto">{s.nessunaVerifica}</p>}>
        <ol class="verifiche">
          <For each={p().verifiche}>
            {(v) => (
              <li>
                <strong>{dataBreve(v.data)}</strong> — {c.nomeDi(v.autore)}
                <Show when={v.note}><span class="blocco">{v.note}</span></Show>
                <ul>
                  <For each={v.esiti}>
                    {(e) => <li>{p().obiettivi.find((o) => o.id === e.obiettivo)?.descrizione.slice(0, 80)}: {esiti[e.esito]}</li>}
                  </For>
                </ul>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </>
  );
}

function SchedaObiettivo(props: { obiettivo: Obiettivo }): JSX.Element {
  const o = props.obiettivo;
  const esiti = t.cartella.etichette.esitiObiettivo;
  return (
    <li class="obiettivo scheda">
      <h4>{o.descrizione}</h4>
      <dl class="catena-obiettivo">
        <div><dt>{s.risultatiAttesi}</dt><dd>{o.risultatiAttesi}</dd></div>
        <div><dt>{s.impegniPersona}</dt><dd>{o.impegniPersona}</dd></div>
        <div><dt>{s.sostegniServizi}</dt><dd>{o.sostegniServizi}</dd></div>
        <div><dt>{s.tempi}</dt><dd>{o.tempi}{o.scadenza ? ` — ${s.scadenza.toLowerCase()} ${dataBreve(o.scadenza)}` : ''}</dd></div>
      </dl>
      <p class="nota">{s.esito}: {o.esito ? esiti[o.esito] : s.esitoNonValutato}</p>
    </li>
  );
}
