/**
 * @module client/cartella/sezioni/Documenti
 * The documents of the cartella against the deck's table: the checklist of a phase (the
 * current one unless another is chosen) — required, present, signed, missing — with a
 * quick way to register what is missing, and every registered document with its state and
 * its attachments (a scan or photo of the paper: attaching one to a missing document marks it
 * acquired).
 */
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import {
  aggiornaDocumento, checklist, giorno, ETICHETTE_DOCUMENTO, ETICHETTE_FASE, FASI, TIPI_DOCUMENTO,
  type Documento, type Fase, type StatoDocumento, type TipoDocumento, type VoceChecklist,
} from '../../../crdt/model';
import { t } from '../../strings';
import { conDateItaliane, dataBreve, ErroreModulo, Pulsante } from '../../ui';
import { AggiungiAllegato, ElencoAllegati } from '../Allegati';
import { useCartella } from '../contesto';
import { createPerId } from '../createPerId';
import { RegistraDocumento } from './RegistraDocumento';

const s = t.cartella.documenti;
const e = t.cartella.etichette;

const eTipo = (r: string): r is TipoDocumento => (TIPI_DOCUMENTO as readonly string[]).includes(r);

export function Documenti(): JSX.Element {
  const c = useCartella();
  const [fase, setFase] = createSignal<Fase | ''>('');
  const [modulo, setModulo] = createSignal<{ tipo: TipoDocumento | ''; stato: StatoDocumento } | undefined>();
  const lista = createMemo(() => checklist(c.vista(), fase() || undefined));
  const documenti = createPerId(() => c.vista().admin.documenti);
  const scrivibile = (): boolean => !c.chiusa() && !!c.io();
  const registra = (v?: VoceChecklist): void => {
    setModulo({ tipo: v && eTipo(v.requisito) ? v.requisito : '', stato: v?.richiesto === 'firmato' ? 'firmato' : 'acquisito' });
  };
  return (
    <section class="sezione documenti" aria-labelledby="titolo-documenti">
      <div class="testa-sezione">
        <h2 id="titolo-documenti">{s.checklist(ETICHETTE_FASE[lista().fase])}</h2>
        <label class="filtro-piccolo">
          <span>{s.altriFasi}</span>
          <select onChange={(ev) => setFase(ev.currentTarget.value as Fase | '')}>
            <option value="">{c.vista().fase ? ETICHETTE_FASE[c.vista().fase?.fase ?? 'accesso'] : s.faseVista}</option>
            <For each={FASI.filter((f) => f !== c.vista().fase?.fase)}>{(f) => <option value={f}>{ETICHETTE_FASE[f]}</option>}</For>
          </select>
        </label>
      </div>
      <p classList={{ 'esito-ok': lista().completa, nota: !lista().completa }} role="status">
        {lista().completa ? s.completa : s.incompleta(lista().mancanti.length)}
      </p>
      <table class="tabella-checklist" data-testid="checklist">
        <thead>
          <tr>
            <th scope="col">{s.colonne.documento}</th><th scope="col">{s.colonne.ambito}</th>
            <th scope="col">{s.colonne.richiesto}</th><th scope="col">{s.colonne.stato}</th>
            <th scope="col"><span class="solo-lettori">{s.colonne.azioni}</span></th>
          </tr>
        </thead>
        <tbody>
          <For each={lista().voci}>
            {(v) => (
              <tr data-completo={v.completo ? 'si' : 'no'}>
                <th scope="row" class="nome-requisito">{v.descrizione}</th>
                <td>{e.ambiti[v.ambito]}</td>
                <td>{e.richiesto[v.richiesto]}</td>
                <td><StatoRequisito voce={v} /></td>
                <td>
                  <Show when={!v.completo && scrivibile() && eTipo(v.requisito)}>
                    <Pulsante piccolo onClick={() => registra(v)} etichetta={s.registraCosa(v.descrizione)}>{s.registra}</Pulsante>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>

      <Show when={modulo()} keyed>
        {(x) => <RegistraDocumento tipo={x.tipo} stato={x.stato} onFine={() => setModulo(undefined)} />}
      </Show>
      <div class="testa-sezione">
        <h2>{s.registrati}</h2>
        <Show when={scrivibile()}>
          <Pulsante variante="primario" onClick={() => registra()} testid="registra-documento">{s.registraTitolo}</Pulsante>
        </Show>
      </div>
      <Show when={documenti().length > 0} fallback={<p class="vuoto">{s.nessuno}</p>}>
        <table class="tabella-documenti">
          <thead>
            <tr>
              <th scope="col">{s.colonneRegistrati.documento}</th><th scope="col">{s.colonneRegistrati.stato}</th>
              <th scope="col">{s.colonneRegistrati.data}</th><th scope="col">{s.colonneRegistrati.protocollo}</th>
              <th scope="col">{s.colonneRegistrati.autore}</th>
              <th scope="col"><span class="solo-lettori">{s.colonneRegistrati.azioni}</span></th>
            </tr>
          </thead>
          <tbody>
            <For each={documenti()}>{(d) => <RigaDocumento documento={d} scrivibile={scrivibile()} />}</For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}

function StatoRequisito(props: { voce: VoceChecklist }): JSX.Element {
  return (
    <span class="badge" classList={{
      'badge-ok': props.voce.completo, 'badge-attenzione': !props.voce.completo && props.voce.stato !== 'non_verificabile',
    }}>{e.statiRequisito[props.voce.stato]}</span>
  );
}

function RigaDocumento(props: { documento: () => Documento; scrivibile: boolean }): JSX.Element {
  const c = useCartella();
  const [errore, setErrore] = createSignal<string>();
  const d = props.documento;
  const segna = (stato: StatoDocumento): void => {
    const r = c.esegui((x, ctx) => aggiornaDocumento(x, { id: d().id, stato, ...(d().data ? {} : { data: giorno(ctx.now) }) }, ctx));
    setErrore(r.ok ? undefined : conDateItaliane(r.message));
  };
  const allegati = createMemo(() => c.vistaAllegati().admin.filter((a) => a.documento === d().id));
  const nome = (): string => ETICHETTE_DOCUMENTO[d().tipo] + (d().descrizione ? ` (${d().descrizione ?? ''})` : '');
  return (
    <>
    <tr classList={{ 'con-allegati': allegati().length > 0 || props.scrivibile }} data-testid="documento-registrato">
      <td>
        {ETICHETTE_DOCUMENTO[d().tipo]}
        <Show when={d().descrizione}><span class="nota blocco">{d().descrizione}</span></Show>
        <Show when={d().fase}>{(f) => <span class="nota blocco">{ETICHETTE_FASE[f()]}</span>}</Show>
        <ErroreModulo messaggio={errore()} />
      </td>
      <td><span class="badge" classList={{ 'badge-ok': d().stato === 'firmato', 'badge-attenzione': d().stato === 'mancante' }}>{e.statiDocumento[d().stato]}</span></td>
      <td class="cella-data">{d().data ? dataBreve(d().data) : t.cartella.comune.nessuno}</td>
      <td>{d().protocollo ?? t.cartella.comune.nessuno}</td>
      <td>{c.nomeDi(d().autore)}</td>
      <td>
        <Show when={props.scrivibile && d().stato === 'acquisito'}>
          <Pulsante piccolo onClick={() => segna('firmato')}>{s.segnaFirmato}</Pulsante>
        </Show>
        <Show when={props.scrivibile && d().stato === 'mancante'}>
          <Pulsante piccolo onClick={() => segna('acquisito')}>{s.segnaAcquisito}</Pulsante>
        </Show>
      </td>
    </tr>
    <Show when={allegati().length > 0 || props.scrivibile}>
      <tr class="riga-allegati">
        <td colSpan={6}>
          <ElencoAllegati allegati={allegati()} etichetta={`${t.allegati.titolo}: ${nome()}`} />
          <Show when={props.scrivibile}>
            <AggiungiAllegato dove={{ documento: d().id }} descrizione={nome()} />
          </Show>
        </td>
      </tr>
    </Show>
    </>
  );
}
