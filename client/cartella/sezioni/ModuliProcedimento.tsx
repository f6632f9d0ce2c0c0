/**
 * @module client/cartella/sezioni/ModuliProcedimento
 * The short forms of the procedure: suspension of the term and preavviso di rigetto
 * (istruttoria), determinazione, communication of the outcome, ISEE attestation. Each one
 * model operation; each shows what was recorded once done.
 */
import { Show, type JSX } from 'solid-js';
import {
  comunicaEsito, ESITI_DETERMINAZIONE, inviaPreavvisoRigetto, registraDeterminazione, registraIsee, registraOsservazioni,
  sospendiTermine, type EsitoDeterminazione,
} from '../../../crdt/model';
import { t } from '../../strings';
import { dataBreve, ModuloSemplice, oggiTesto } from '../../ui';
import { useCartella } from '../contesto';

const s = t.cartella.procedimento;
const NUM = (x: string | number | undefined): number => (typeof x === 'number' ? x : Number(x));
const TXT = (x: string | number | undefined): string => (x === undefined ? '' : String(x));

export function Istruttoria(): JSX.Element {
  const c = useCartella();
  const pr = (): ReturnType<typeof c.vista>['admin']['procedimento'] => c.vista().admin.procedimento;
  const scrivibile = (): boolean => !c.chiusa() && !!c.io() && !pr().determinazione;
  return (
    <div class="istruttoria">
      <Show when={pr().sospensione} fallback={
        <Show when={scrivibile()}>
          <details class="dettaglio-modulo">
            <summary>{s.sospensione.titolo}</summary>
            <ModuloSemplice id="sospensione" invio={s.sospensione.registra} now={c.now} campiDegliErrori={{ sospensione_troppo_lunga: 'giorni', date_incoerenti: 'dal', data_futura: 'dal' }}
              campi={[
                { chiave: 'dal', etichetta: s.sospensione.dal, tipo: 'data', obbligatorio: true, iniziale: oggiTesto(c.now()) },
                { chiave: 'giorni', etichetta: s.sospensione.giorni, tipo: 'numero', obbligatorio: true, minimo: 1, massimo: 30, intero: true, erroreNumero: s.sospensione.giorniErrati },
                { chiave: 'motivo', etichetta: s.sospensione.motivo, tipo: 'area', obbligatorio: true },
              ]}
              onInvia={(v) => c.esegui((x, ctx) => sospendiTermine(x, { dal: TXT(v['dal']), giorni: NUM(v['giorni']), motivo: TXT(v['motivo']) }, ctx))} />
          </details>
        </Show>
      }>
        {(x) => <p>{s.sospensione.fatta(dataBreve(x().dal), x().giorni)} {x().motivo}</p>}
      </Show>
      <Show when={pr().preavvisoRigetto} fallback={
        <Show when={scrivibile()}>
          <details class="dettaglio-modulo">
            <summary>{s.preavviso.titolo}</summary>
            <ModuloSemplice id="preavviso" invio={s.preavviso.registra} now={c.now} campiDegliErrori={{ date_incoerenti: 'data', data_futura: 'data' }}
              campi={[
                { chiave: 'data', etichetta: s.preavviso.data, tipo: 'data', obbligatorio: true, iniziale: oggiTesto(c.now()) },
                { chiave: 'motivi', etichetta: s.preavviso.motivi, tipo: 'area', obbligatorio: true },
              ]}
              onInvia={(v) => c.esegui((x, ctx) => inviaPreavvisoRigetto(x, { data: TXT(v['data']), motivi: TXT(v['motivi']) }, ctx))} />
          </details>
        </Show>
      }>
        {(p) => (
          <>
            <p>{s.preavviso.fatto(dataBreve(p().data))} {p().motivi}</p>
            <Show when={p().osservazioniIl} fallback={
              <Show when={scrivibile()}>
                <ModuloSemplice id="osservazioni" invio={s.preavviso.registraOsservazioni} now={c.now} campiDegliErrori={{ date_incoerenti: 'data' }}
                  campi={[{ chiave: 'data', etichetta: s.preavviso.osservazioni, tipo: 'data', obbligatorio: true, iniziale: oggiTesto(c.now()) }]}
                  onInvia={(v) => c.esegui((x, ctx) => registraOsservazioni(x, { data: TXT(v['data']) }, ctx))} />
              </Show>
            }>{(d) => <p>{s.preavviso.osservazioniFatte(dataBreve(d()))}</p>}</Show>
          </>
        )}
      </Show>
    </div>
  );
}

export function Decisione(props: { parte: 'determinazione' | 'esito' }): JSX.Element {
  const c = useCartella();
  const pr = (): ReturnType<typeof c.vista>['admin']['procedimento'] => c.vista().admin.procedimento;
  const scrivibile = (): boolean => !c.chiusa() && !!c.io();
  const esiti = t.cartella.etichette.esitiDeterminazione;
  if (props.parte === 'determinazione') {
    return (
      <Show when={pr().determinazione} fallback={
        <Show when={scrivibile()}>
          <details class="dettaglio-modulo">
            <summary>{s.determinazione.registra}</summary>
            <ModuloSemplice id="determinazione" invio={s.determinazione.registra} now={c.now}
              campiDegliErrori={{ date_incoerenti: 'data', data_futura: 'data', preavviso_rigetto_mancante: 'esito', preavviso_rigetto_in_corso: 'esito' }}
              campi={[
                { chiave: 'numero', etichetta: s.determinazione.numero, tipo: 'testo', obbligatorio: true, max: 40 },
                { chiave: 'data', etichetta: s.determinazione.data, tipo: 'data', obbligatorio: true, iniziale: oggiTesto(c.now()) },
                { chiave: 'esito', etichetta: s.determinazione.esito, tipo: 'scelta', obbligatorio: true,
                  opzioni: ESITI_DETERMINAZIONE.map((e) => ({ valore: e, etichetta: esiti[e] ?? e })) },
                { chiave: 'motivazione', etichetta: s.determinazione.motivazione, tipo: 'area', aiuto: s.determinazione.motivazioneAiuto },
              ]}
              onInvia={(v) => c.esegui((x, ctx) => registraDeterminazione(x, {
                numero: TXT(v['numero']), data: TXT(v['data']), esito: TXT(v['esito']) as EsitoDeterminazione,
                ...(v['motivazione'] ? { motivazione: TXT(v['motivazione']) } : {}),
              }, ctx))} />
          </details>
        </Show>
      }>
        {(d) => <p>{s.determinazione.fatta(d().numero, dataBreve(d().data), esiti[d().esito] ?? d().esito)} {d().motivazione ?? ''}</p>}
      </Show>
    );
  }
  return (
    <Show when={pr().comunicazioneEsito} fallback={
      <Show when={scrivibile() && pr().determinazione}>
        <ModuloSemplice id="esito" invio={s.esito.registra} now={c.now} campiDegliErrori={{ date_incoerenti: 'data', data_futura: 'data' }}
          campi={[
            { chiave: 'data', etichetta: s.esito.data, tipo: 'data', obbligatorio: true, iniziale: oggiTesto(c.now()) },
            { chiave: 'mezzo', etichetta: s.esito.mezzo, tipo: 'testo', obbligatorio: true, iniziale: s.comunicazione.mezzoPredefinito },
          ]}
          onInvia={(v) => c.esegui((x, ctx) => comunicaEsito(x, { data: TXT(v['data']), mezzo: TXT(v['mezzo']) }, ctx))} />
      </Show>
    }>
      {(e) => <p>{s.esito.fatta(dataBreve(e().data), e().mezzo)}</p>}
    </Show>
  );
}

export function Isee(): JSX.Element {
  const c = useCartella();
  const isee = (): ReturnType<typeof c.vista>['admin']['procedimento']['isee'] => c.vista().admin.procedimento.isee;
  const euro = (n: number): string => n.toLocaleString('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <section class="scheda isee" aria-labelledby="titolo-isee">
      <h3 id="titolo-isee">{s.isee.titolo}</h3>
      <p class="nota">{s.isee.aiuto}</p>
      <Show when={isee()}>{(x) => <p>{s.isee.fatta(euro(x().valore), dataBreve(x().dataAttestazione))}</p>}</Show>
      <Show when={!c.chiusa() && c.io()}>
        <details class="dettaglio-modulo">
          <summary>{s.isee.registra}</summary>
          <ModuloSemplice id="isee" invio={s.isee.registra} now={c.now} campiDegliErrori={{ data_futura: 'dataAttestazione', date_incoerenti: 'dataDsu' }}
            campi={[
              { chiave: 'valore', etichetta: s.isee.valore, tipo: 'numero', obbligatorio: true, minimo: 0, massimo: 10_000_000, erroreNumero: s.isee.valoreErrato },
              { chiave: 'dataAttestazione', etichetta: s.isee.dataAttestazione, tipo: 'data', obbligatorio: true },
              { chiave: 'dataDsu', etichetta: s.isee.dataDsu, tipo: 'data', obbligatorio: true },
              { chiave: 'protocolloDsu', etichetta: s.isee.protocolloDsu, tipo: 'testo', max: 30 },
            ]}
            onInvia={(v) => c.esegui((x, ctx) => registraIsee(x, {
              valore: NUM(v['valore']), dataAttestazione: TXT(v['dataAttestazione']), dataDsu: TXT(v['dataDsu']),
              ...(v['protocolloDsu'] ? { protocolloDsu: TXT(v['protocolloDsu']) } : {}),
            }, ctx))} />
        </details>
      </Show>
    </section>
  );
}
