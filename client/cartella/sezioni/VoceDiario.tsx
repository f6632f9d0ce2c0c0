/**
 * @module client/cartella/sezioni/VoceDiario
 * One diary entry: date, type, author, its text; the link between a correction and the
 * entry it corrects (both readable); "Modifica" while `voceModificabile` allows it,
 * "Correggi" afterwards (`correggiVoceDiario`); its attachments (photos, scans) and "Allega un
 * file" for the équipe.
 */
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import {
  correggiVoceDiario, ETICHETTE_TIPO_VOCE, testoVoce, voceModificabile, type VoceDiario as Voce, type VoceDiarioId,
} from '../../../crdt/model';
import { formatMomento } from '../../app/date';
import { EditorTesto } from '../../editor';
import { t } from '../../strings';
import { CampoAreaTesto, createModulo, dataBreve, dataLunga, ErroreModulo, Pulsante, richiesto } from '../../ui';
import { AggiungiAllegato, ElencoAllegati } from '../Allegati';
import { useCartella } from '../contesto';

const s = t.cartella.diario;

export function VoceDiario(props: { voce: () => Voce; perId: ReadonlyMap<string, Voce>; mostra: (id: string) => void }): JSX.Element {
  const c = useCartella();
  // "#voce-…" is not a route: the link only brings the other entry into view.
  const vaiA = (id: string) => (e: MouseEvent): void => { e.preventDefault(); props.mostra(id); };
  const [modifica, setModifica] = createSignal(false);
  const [correzione, setCorrezione] = createSignal(false);
  const v = props.voce;
  const modificabile = (): boolean => !c.chiusa() && c.equipe() && voceModificabile(v(), c.ctx().autore, c.now());
  const correggibile = (): boolean => !c.chiusa() && c.equipe() && !modificabile() && v().corregge === undefined;
  const originale = (): Voce | undefined => { const o = v().corregge; return o ? props.perId.get(o) : undefined; };
  const idTitolo = `titolo-voce-${v().id}`;
  const allegati = createMemo(() => (c.vistaAllegati().prof ?? []).filter((a) => a.voce === v().id));
  const descrizione = (): string => `${ETICHETTE_TIPO_VOCE[v().tipo]} ${dataBreve(v().data)}`;
  return (
    <li class="voce-diario" id={`voce-${v().id}`} tabindex="-1" classList={{ 'voce-correzione': !!v().corregge, 'voce-corretta': v().correttaDa.length > 0 }}
      aria-labelledby={idTitolo} data-testid="voce-diario">
      <header class="testa-voce">
        <h3 id={idTitolo}>
          <time datetime={v().data}>{dataLunga(v().data)}</time> · <span class="tipo-voce">{ETICHETTE_TIPO_VOCE[v().tipo]}</span>
        </h3>
        <p class="nota">{s.autoreData(c.nomeDi(v().autore), formatMomento(new Date(v().scrittoIl), c.now()))}</p>
      </header>
      <Show when={originale()}>
        {(o) => (
          <p class="rimando">{s.correzioneDi} <a href={`#voce-${o().id}`} onClick={vaiA(o().id)}>{dataBreve(o().data)}</a></p>
        )}
      </Show>
      <Show when={modifica() && c.aperta.cartella.prof} fallback={
        <div class="testo-voce">{v().testo.trim() === '' ? <span class="nota">{s.testoVuoto}</span> : v().testo}</div>
      }>
        {(prof) => (
          <EditorTesto frammento={testoVoce(prof(), v().id as VoceDiarioId)} awareness={c.awareness} utente={c.utente}
            modificabile={modificabile()} etichetta={s.testo} autofocus barra={false} onFine={() => setModifica(false)} />
        )}
      </Show>
      <Show when={v().correttaDa.length > 0}>
        <p class="rimando">
          {s.correttaDa}{' '}
          <For each={v().correttaDa}>
            {(id, i) => {
              const corr = props.perId.get(id);
              return <>{i() > 0 ? ', ' : ''}<a href={`#voce-${id}`} onClick={vaiA(id)}>{corr ? dataBreve(corr.data) : s.vedi}</a></>;
            }}
          </For>
        </p>
      </Show>
      <ElencoAllegati allegati={allegati()} etichetta={`${t.allegati.titolo}: ${descrizione()}`} />
      <div class="azioni azioni-voce">
        <Show when={modificabile()}>
          <Pulsante piccolo onClick={() => setModifica((x) => !x)} titolo={s.modificaAiuto} espanso={modifica()}>
            {modifica() ? s.fineModifica : s.modifica}
          </Pulsante>
        </Show>
        <Show when={correggibile() && !correzione()}>
          <Pulsante piccolo onClick={() => setCorrezione(true)}>{s.correggi}</Pulsante>
        </Show>
        <Show when={c.equipe() && !c.chiusa()}>
          <AggiungiAllegato dove={{ voce: v().id }} descrizione={descrizione()} />
        </Show>
      </div>
      <Show when={correzione()}>
        <Correzione voce={v()} onFine={() => setCorrezione(false)} />
      </Show>
    </li>
  );
}

function Correzione(props: { voce: Voce; onFine: () => void }): JSX.Element {
  const c = useCartella();
  const [testo, setTesto] = createSignal('');
  let form: HTMLFormElement | undefined;
  const m = createModulo<'testo'>({ testo: () => richiesto(testo(), s.correzioneVuota) }, { campo_obbligatorio: 'testo' });
  const invia = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const r = await m.invia(form, () => c.esegui((x, ctx) => correggiVoceDiario(x, { corregge: props.voce.id, testo: testo().trim() }, ctx)));
    if (r !== undefined) props.onFine();
  };
  return (
    <form ref={form} class="modulo correzione" noValidate onSubmit={(e) => void invia(e)} aria-label={s.correzioneTitolo}>
      <CampoAreaTesto id={`correzione-${props.voce.id}`} etichetta={s.correzioneTesto} aiuto={s.correzioneAiuto} obbligatorio
        valore={testo()} onInput={setTesto} onBlur={() => m.tocca('testo')} errore={m.errore('testo')} righe={4} />
      <ErroreModulo messaggio={m.erroreGenerale()} />
      <div class="azioni">
        <Pulsante tipo="submit" variante="primario" inCorso={m.inCorso()}>{s.registraCorrezione}</Pulsante>
        <Pulsante onClick={props.onFine}>{t.cartella.comune.annulla}</Pulsante>
      </div>
    </form>
  );
}
