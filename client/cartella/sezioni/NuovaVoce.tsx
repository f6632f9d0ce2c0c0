/**
 * @module client/cartella/sezioni/NuovaVoce
 * A new diary entry, written live during the interview. The caret is in the editor at
 * once; the entry is created (`aggiungiVoceDiario`, with the chosen type and date) by the
 * first thing typed — an abandoned empty editor leaves no empty entry in a diary that can
 * never delete one — and from then on the editor is bound to the entry's own rich text, so
 * every word is stored and synced as it is typed. Once it exists, a photo or a scan can be
 * attached to it at once.
 */
import type { Editor } from '@tiptap/core';
import { createMemo, createSignal, Show, type JSX } from 'solid-js';
import {
  aggiungiVoceDiario, ETICHETTE_TIPO_VOCE, giorno, testoVoce, TIPI_VOCE, type TipoVoce, type VoceDiarioId,
} from '../../../crdt/model';
import { EditorTesto } from '../../editor';
import { t } from '../../strings';
import { CampoData, createModulo, dataBreve, ErroreModulo, isoDi, oggiTesto, problemaData, Pulsante, Selezione } from '../../ui';
import { AggiungiAllegato, ElencoAllegati } from '../Allegati';
import { useCartella } from '../contesto';

const s = t.cartella.diario;

export function NuovaVoce(props: { onFine: () => void; onCreata?: (id: string) => void }): JSX.Element {
  const c = useCartella();
  const [tipo, setTipo] = createSignal<TipoVoce | ''>('colloquio');
  const [data, setData] = createSignal(oggiTesto(c.now()));
  const [id, setId] = createSignal<VoceDiarioId>();

  const m = createModulo<'tipo' | 'data'>({
    tipo: () => (tipo() ? undefined : t.cartella.comune.obbligatorio),
    data: () => problemaData(data(), { obbligatoria: true, nonFutura: giorno(c.now()) }),
  }, { data_futura: 'data', data_non_valida: 'data' });

  const primaModifica = (ed: Editor): void => {
    if (id() || ed.isEmpty) return;
    const testo = ed.getText({ blockSeparator: '\n' });
    const nuovo = m.inviaSubito(undefined, () =>
      c.esegui((x, ctx) => aggiungiVoceDiario(x, { tipo: tipo() as TipoVoce, data: isoDi(data()) ?? '', testo }, ctx)));
    // Re-bind once ProseMirror has finished the transaction that called us (before the next key).
    if (nuovo) queueMicrotask(() => { setId(nuovo); props.onCreata?.(nuovo); });
  };
  const allegati = createMemo(() => (c.vistaAllegati().prof ?? []).filter((a) => a.voce === id()));
  const frammento = (): ReturnType<typeof testoVoce> => {
    const x = id();
    return x && c.aperta.cartella.prof ? testoVoce(c.aperta.cartella.prof, x) : undefined;
  };

  return (
    <section class="nuova-voce scheda" aria-labelledby="titolo-nuova-voce" data-testid="nuova-voce-pannello">
      <h3 id="titolo-nuova-voce">{s.nuovaTitolo}</h3>
      <Show when={!id()} fallback={
        <p class="dati-voce">{ETICHETTE_TIPO_VOCE[tipo() as TipoVoce]} · {dataBreve(isoDi(data()))}</p>
      }>
        <div class="griglia-campi riga-nuova-voce">
          <Selezione id="nuova-voce-tipo" etichetta={s.tipo} valore={tipo()} onCambia={setTipo} errore={m.errore('tipo')}
            opzioni={TIPI_VOCE.map((x) => ({ valore: x, etichetta: ETICHETTE_TIPO_VOCE[x] }))} />
          <CampoData id="nuova-voce-data" etichetta={s.data} now={c.now} valore={data()} onInput={setData}
            onBlur={() => m.tocca('data')} errore={m.errore('data')} />
        </div>
      </Show>
      <p class="aiuto" id="nuova-voce-aiuto">{id() ? s.salvataAuto : s.inAttesa} {s.testoAiuto}</p>
      <Show when={frammento()} keyed fallback={
        <EditorTesto modificabile etichetta={s.testo} idDescrizione="nuova-voce-aiuto" autofocus barra={false}
          onModifica={primaModifica} onFine={props.onFine} classe="editor-voce" testid="editor-nuova-voce" />
      }>
        {(f) => (
          <EditorTesto frammento={f} awareness={c.awareness} utente={c.utente} modificabile etichetta={s.testo} barra={false}
            idDescrizione="nuova-voce-aiuto" autofocus onFine={props.onFine} classe="editor-voce" testid="editor-nuova-voce" />
        )}
      </Show>
      <ErroreModulo messaggio={m.erroreGenerale()} />
      <ElencoAllegati allegati={allegati()} etichetta={`${t.allegati.titolo}: ${s.nuovaTitolo}`} />
      <div class="azioni">
        <Pulsante variante="primario" onClick={props.onFine} scorciatoia="Control+Enter">{s.fine}</Pulsante>
        <Show when={id()}>
          {(voce) => <AggiungiAllegato dove={{ voce: voce() }} descrizione={s.nuovaTitolo} testid="file-allegato-nuova-voce" />}
        </Show>
      </div>
    </section>
  );
}
