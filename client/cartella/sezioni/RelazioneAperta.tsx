/**
 * @module client/cartella/sezioni/RelazioneAperta
 * One relazione sociale, written together: the editor is bound to the relazione's rich
 * text with colleagues' carets and names (the cartella's Awareness); who else has this
 * relazione open is listed above it. It becomes definitive (`rendiDefinitiva`) only with
 * every section filled, and then is read-only; it prints with the letterhead.
 */
import { createMemo, createSignal, onCleanup, Show, type JSX } from 'solid-js';
import { frammento, giorno, rendiDefinitiva, type Relazione } from '../../../crdt/model';
import { EditorTesto } from '../../editor';
import { stampa } from '../../print';
import { t } from '../../strings';
import { conDateItaliane, dataBreve, ErroreModulo, Pulsante } from '../../ui';
import { useCartella } from '../contesto';
import { StampaRelazione } from '../stampe/StampaRelazione';
import { StatoRelazione } from './StatoRelazione';

const s = t.cartella.relazioni;

export function RelazioneAperta(props: { id: string; onChiudi: () => void }): JSX.Element {
  const c = useCartella();
  const [errore, setErrore] = createSignal<string>();
  const [fatto, setFatto] = createSignal(false);
  const relazione = createMemo<Relazione | undefined>(() => c.vista().prof?.relazioni.find((r) => r.id === props.id));
  const testo = c.aperta.cartella.prof ? frammento(c.aperta.cartella.prof, 'relazioni', props.id) : undefined;
  const modificabile = (): boolean => c.equipe() && !c.chiusa() && relazione()?.stato === 'bozza';
  c.awareness?.setLocalStateField('elemento', props.id);
  onCleanup(() => c.awareness?.setLocalStateField('elemento', null));

  const definitiva = (): void => {
    const r = c.esegui((x, ctx) => rendiDefinitiva(x, { id: props.id, data: giorno(ctx.now) }, ctx));
    setErrore(r.ok ? undefined : conDateItaliane(r.message));
    setFatto(r.ok);
  };
  const stampaRelazione = (): void => {
    const r = relazione();
    if (r && testo) stampa({ titolo: `${r.titolo} — ${t.cartella.stampa.relazione}`, contenuto: () => <StampaRelazione relazione={r} testo={testo} /> });
  };

  return (
    <section class="sezione relazione-aperta" aria-labelledby="titolo-relazione">
      <p><a href={`#/cartella/${c.aperta.id}/relazioni`} onClick={(e) => { e.preventDefault(); props.onChiudi(); }}>← {s.torna}</a></p>
      <Show when={relazione() && testo} fallback={<p>{s.nonTrovata}</p>}>
        <div class="testa-sezione">
          <div>
            <h2 id="titolo-relazione">{relazione()?.titolo}</h2>
            <p class="nota">{s.perDestinatario(relazione()?.destinatario ?? '')} · <StatoRelazione r={relazione() as Relazione} /></p>
          </div>
          <div class="azioni">
            <Show when={modificabile()}>
              <Pulsante onClick={definitiva}>{s.definitiva}</Pulsante>
            </Show>
            <Pulsante onClick={stampaRelazione} testid="stampa-relazione">{s.stampa}</Pulsante>
          </div>
        </div>
        <ErroreModulo messaggio={errore()} />
        <Show when={fatto()}><p class="esito-ok" role="status">{s.definitivaFatta}</p></Show>
        <Show when={relazione()?.definitivaIl}>{(d) => <p class="nota">{s.definitivaIl(dataBreve(d()))}</p>}</Show>
        <Show when={c.chiusa()}><p class="nota">{t.cartella.comune.chiusaSolaLettura}</p></Show>
        <p class="nota" id="relazione-aiuto">{s.descrizioneValutazione}</p>
        <EditorTesto frammento={testo} awareness={c.awareness} utente={c.utente} modificabile={modificabile()}
          etichetta={s.editor(relazione()?.titolo ?? '')} idDescrizione="relazione-aiuto" classe="editor-grande"
          autofocus="primoVuoto" testid="editor-relazione" />
      </Show>
    </section>
  );
}
