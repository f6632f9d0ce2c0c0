/**
 * @module client/cartella/sezioni/Appuntamenti
 * The appointments of this cartella (kept in its admin part, so the front office books them
 * too): the coming ones and the last ones, and the form that books a new one — type, day,
 * times, place. Outcomes are recorded from the agenda, where "svolto" writes the diary entry.
 */
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import {
  comeOra, ETICHETTE_LUOGO, ETICHETTE_STATO_APPUNTAMENTO, ETICHETTE_TIPO_APPUNTAMENTO, fissaAppuntamento, giorno, leggiAgenda, LUOGHI_APPUNTAMENTO,
  TIPI_APPUNTAMENTO, type LuogoAppuntamento, type TipoAppuntamento,
} from '../../../crdt/model';
import { formatRoute } from '../../app/router';
import { t } from '../../strings';
import { dataBreve, ModuloSemplice, oggiTesto, Pulsante } from '../../ui';
import { useCartella } from '../contesto';

const s = t.agenda.appuntamenti;

export function Appuntamenti(): JSX.Element {
  const c = useCartella();
  const [nuovo, setNuovo] = createSignal(false);
  const tutti = createMemo(() => {
    void c.vista();
    return leggiAgenda(c.aperta.cartella.admin).appuntamenti;
  });
  const oggi = (): string => giorno(c.now());
  const prossimi = (): ReturnType<typeof tutti> => tutti().filter((a) => a.data >= oggi()).slice(0, 5);
  const passati = (): ReturnType<typeof tutti> => tutti().filter((a) => a.data < oggi()).slice(-3).reverse();
  const riga = (a: ReturnType<typeof tutti>[number]): JSX.Element => (
    <li data-testid="appuntamento-cartella">
      <strong>{dataBreve(a.data)} {a.inizio}–{a.fine}</strong> {ETICHETTE_TIPO_APPUNTAMENTO[a.tipo]} · {ETICHETTE_LUOGO[a.luogo]}
      {' '}<span class="badge">{ETICHETTE_STATO_APPUNTAMENTO[a.stato]}</span>
    </li>
  );
  return (
    <section class="scheda appuntamenti" aria-labelledby="titolo-appuntamenti">
      <div class="testa-sezione">
        <h2 id="titolo-appuntamenti">{s.titolo}</h2>
        <Show when={!c.chiusa() && c.io() && !nuovo()}><Pulsante piccolo onClick={() => setNuovo(true)}>{s.fissa}</Pulsante></Show>
      </div>
      <Show when={nuovo()}>
        <ModuloSemplice id="appuntamento" invio={s.crea} now={c.now} annulla={() => setNuovo(false)} onFatto={() => setNuovo(false)}
          campiDegliErrori={{ ora_non_valida: 'inizio', date_incoerenti: 'fine' }}
          campi={[
            { chiave: 'tipo', etichetta: s.tipo, tipo: 'scelta', obbligatorio: true, iniziale: 'colloquio',
              opzioni: TIPI_APPUNTAMENTO.map((x) => ({ valore: x, etichetta: ETICHETTE_TIPO_APPUNTAMENTO[x] })) },
            { chiave: 'data', etichetta: s.data, tipo: 'data', obbligatorio: true, nonFutura: false, iniziale: oggiTesto(c.now()) },
            { chiave: 'inizio', etichetta: s.inizio, tipo: 'testo', obbligatorio: true, max: 5, iniziale: '09:00' },
            { chiave: 'fine', etichetta: s.fine, tipo: 'testo', obbligatorio: true, max: 5, iniziale: '10:00' },
            { chiave: 'luogo', etichetta: s.luogo, tipo: 'scelta', obbligatorio: true, iniziale: 'sede',
              opzioni: LUOGHI_APPUNTAMENTO.map((x) => ({ valore: x, etichetta: ETICHETTE_LUOGO[x] })) },
            { chiave: 'luogoDettaglio', etichetta: s.dettaglio, tipo: 'testo', max: 200 },
          ]}
          onInvia={(v) => {
            const inizio = String(v['inizio'] ?? '');
            const fine = String(v['fine'] ?? '');
            if (!comeOra(inizio)) return { ok: false, code: 'ora_non_valida', message: s.oraErrata };
            if (!comeOra(fine)) return { ok: false, code: 'date_incoerenti', message: s.oraErrata };
            return c.esegui((x, ctx) => fissaAppuntamento(x, {
              tipo: v['tipo'] as TipoAppuntamento, data: String(v['data']), inizio, fine, luogo: v['luogo'] as LuogoAppuntamento,
              ...(v['luogoDettaglio'] ? { luogoDettaglio: String(v['luogoDettaglio']) } : {}), operatori: [ctx.autore],
            }, ctx));
          }} />
      </Show>
      <Show when={tutti().length > 0} fallback={<p class="vuoto">{s.vuoto}</p>}>
        <Show when={prossimi().length > 0}><h3>{s.prossimi}</h3><ul class="elenco-appuntamenti"><For each={prossimi()}>{riga}</For></ul></Show>
        <Show when={passati().length > 0}><h3>{s.passati}</h3><ul class="elenco-appuntamenti"><For each={passati()}>{riga}</For></ul></Show>
      </Show>
      <p><a href={formatRoute({ name: 'agenda' })}>{t.agenda.titolo}</a></p>
    </section>
  );
}
