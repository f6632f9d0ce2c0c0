/**
 * @module client/cartella/sezioni/Relazioni
 * The relazioni sociali of the cartella: the list, a new one from the six-section template
 * (`creaRelazione`, `SEZIONI_RELAZIONE`), and one relazione open for live co-writing.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { creaRelazione, SEZIONI_RELAZIONE } from '../../../crdt/model';
import { t } from '../../strings';
import { CampoTesto, createModulo, dataBreve, ErroreModulo, Pulsante, richiesto } from '../../ui';
import { useCartella } from '../contesto';
import { createPerId } from '../createPerId';
import { RelazioneAperta } from './RelazioneAperta';
import { StatoRelazione } from './StatoRelazione';

const s = t.cartella.relazioni;

export function Relazioni(props: { elemento?: string | undefined }): JSX.Element {
  const c = useCartella();
  // The route carries the open relazione; kept here too, so a short id the router drops still opens.
  const [aperta, setAperta] = createSignal<string | undefined>(props.elemento);
  const [nuova, setNuova] = createSignal(false);
  const righe = createPerId(() => c.vista().prof?.relazioni ?? []);
  const apri = (id: string | undefined): void => { setAperta(id); c.vai('relazioni', id); };
  const idAperta = (): string | undefined => props.elemento ?? aperta();
  return (
    <Show when={idAperta()} keyed fallback={
      <section class="sezione relazioni" aria-labelledby="titolo-relazioni">
        <div class="testa-sezione">
          <h2 id="titolo-relazioni">{s.titolo}</h2>
          <Show when={c.equipe() && !c.chiusa() && !nuova()}>
            <Pulsante variante="primario" onClick={() => setNuova(true)} testid="nuova-relazione">{s.nuova}</Pulsante>
          </Show>
        </div>
        <Show when={c.chiusa()}><p class="nota">{t.cartella.comune.chiusaSolaLettura}</p></Show>
        <Show when={nuova()}><NuovaRelazione onCreata={(id) => { setNuova(false); apri(id); }} onAnnulla={() => setNuova(false)} /></Show>
        <Show when={righe().length > 0} fallback={<p class="vuoto">{s.vuoto}</p>}>
          <table class="tabella-relazioni">
            <thead>
              <tr><th scope="col">{s.colonne.titolo}</th><th scope="col">{s.colonne.destinatario}</th><th scope="col">{s.colonne.stato}</th><th scope="col">{s.colonne.autore}</th></tr>
            </thead>
            <tbody>
              <For each={righe()}>
                {(r) => (
                  <tr>
                    <td><a href={`#/cartella/${c.aperta.id}/relazioni/${r().id}`} class="link-relazione"
                      onClick={(e) => { e.preventDefault(); apri(r().id); }}>{r().titolo}</a></td>
                    <td>{r().destinatario}</td>
                    <td><StatoRelazione r={r()} /></td>
                    <td>{c.nomeDi(r().autore)} <span class="nota">{dataBreve(r().scrittoIl.slice(0, 10))}</span></td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </section>
    }>
      {(id) => <RelazioneAperta id={id} onChiudi={() => apri(undefined)} />}
    </Show>
  );
}

function NuovaRelazione(props: { onCreata: (id: string) => void; onAnnulla: () => void }): JSX.Element {
  const c = useCartella();
  const [titolo, setTitolo] = createSignal<string>(s.titoloPredefinito);
  const [destinatario, setDestinatario] = createSignal('');
  let form: HTMLFormElement | undefined;
  const m = createModulo<'titolo' | 'destinatario'>({
    titolo: () => richiesto(titolo(), s.errori.titolo),
    destinatario: () => richiesto(destinatario(), s.errori.destinatario),
  });
  const invia = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const id = await m.invia(form, () => c.esegui((x, ctx) => creaRelazione(x, { titolo: titolo().trim(), destinatario: destinatario().trim() }, ctx)));
    if (id) props.onCreata(id);
  };
  return (
    <form ref={form} class="modulo scheda" noValidate onSubmit={(e) => void invia(e)} aria-labelledby="titolo-nuova-relazione">
      <h3 id="titolo-nuova-relazione">{s.nuovaTitolo}</h3>
      <p class="nota">{s.modelloAiuto}</p>
      <div class="griglia-campi">
        <CampoTesto id="relazione-titolo" etichetta={s.titoloCampo} obbligatorio valore={titolo()} onInput={setTitolo} maxLength={200}
          onBlur={() => m.tocca('titolo')} errore={m.errore('titolo')} />
        <CampoTesto id="relazione-destinatario" etichetta={s.destinatario} aiuto={s.destinatarioAiuto} obbligatorio valore={destinatario()}
          onInput={setDestinatario} maxLength={200} onBlur={() => m.tocca('destinatario')} errore={m.errore('destinatario')}
          ref={(el) => queueMicrotask(() => el.focus())} />
      </div>
      <ul class="sezioni-modello" aria-label={s.modelloAiuto}>
        <For each={SEZIONI_RELAZIONE}>{(x) => <li>{x.titolo}</li>}</For>
      </ul>
      <ErroreModulo messaggio={m.erroreGenerale()} />
      <div class="azioni">
        <Pulsante tipo="submit" variante="primario" inCorso={m.inCorso()}>{s.crea}</Pulsante>
        <Pulsante onClick={props.onAnnulla}>{t.cartella.comune.annulla}</Pulsante>
      </div>
    </form>
  );
}
