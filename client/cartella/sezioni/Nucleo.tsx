/**
 * @module client/cartella/sezioni/Nucleo
 * The household (stato di famiglia): members are never deleted; someone who leaves gets
 * the date they left (`aggiornaMembroNucleo` with `finoAl`).
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import {
  aggiornaMembroNucleo, aggiungiMembroNucleo, comeCodiceFiscale, giorno, RELAZIONI_NUCLEO, type RelazioneNucleo,
} from '../../../crdt/model';
import { t } from '../../strings';
import {
  CampoData, CampoTesto, createModulo, dataBreve, ErroreModulo, facoltativo, isoDi, oggiTesto, problemaData, Pulsante, richiesto,
  Selezione,
} from '../../ui';
import { useCartella } from '../contesto';
import { createPerId } from '../createPerId';

const s = t.cartella.nucleo;
type MembroNucleo = ReturnType<ReturnType<typeof useCartella>['vista']>['admin']['nucleo'][number];

export function Nucleo(): JSX.Element {
  const c = useCartella();
  const [aggiungi, setAggiungi] = createSignal(false);
  const righe = createPerId(() => c.vista().admin.nucleo);
  const scrivibile = (): boolean => !c.chiusa() && !!c.io();
  return (
    <section class="scheda nucleo" aria-labelledby="titolo-nucleo">
      <div class="testa-sezione">
        <h2 id="titolo-nucleo">{s.titolo}</h2>
        <Show when={scrivibile() && !aggiungi()}><Pulsante onClick={() => setAggiungi(true)}>{s.aggiungi}</Pulsante></Show>
      </div>
      <Show when={aggiungi()}><NuovoMembro onFine={() => setAggiungi(false)} /></Show>
      <Show when={righe().length > 0} fallback={<p class="vuoto">{s.vuoto}</p>}>
        <table>
          <thead>
            <tr>
              <th scope="col">{s.colonne.nome}</th><th scope="col">{s.colonne.relazione}</th><th scope="col">{s.colonne.convivente}</th>
              <th scope="col">{s.colonne.nascita}</th><th scope="col">{s.colonne.cf}</th><th scope="col">{s.colonne.uscita}</th>
            </tr>
          </thead>
          <tbody><For each={righe()}>{(m) => <RigaMembro membro={m} scrivibile={scrivibile()} />}</For></tbody>
        </table>
      </Show>
    </section>
  );
}

function RigaMembro(props: { membro: () => MembroNucleo; scrivibile: boolean }): JSX.Element {
  const c = useCartella();
  const m = props.membro;
  const [uscita, setUscita] = createSignal(false);
  const [data, setData] = createSignal(oggiTesto(c.now()));
  const [errore, setErrore] = createSignal<string>();
  const registra = (e: SubmitEvent): void => {
    e.preventDefault();
    const problema = problemaData(data(), { obbligatoria: true, nonFutura: giorno(c.now()) });
    if (problema) { setErrore(problema); return; }
    const r = c.esegui((x, ctx) => aggiornaMembroNucleo(x, m().id, { finoAl: isoDi(data()) ?? '' }, ctx));
    setErrore(r.ok ? undefined : r.message);
    if (r.ok) setUscita(false);
  };
  return (
    <tr classList={{ uscito: !!m().finoAl }}>
      <th scope="row">{m().cognome} {m().nome}</th>
      <td>{t.cartella.etichette.relazioniNucleo[m().relazione] ?? m().relazione}</td>
      <td>{m().convivente ? t.cartella.comune.si : t.cartella.comune.no}</td>
      <td>{m().dataNascita ? dataBreve(m().dataNascita) : t.cartella.comune.nessuno}</td>
      <td class="cf">{m().codiceFiscale ?? t.cartella.comune.nessuno}</td>
      <td>
        <Show when={m().finoAl} fallback={
          <Show when={props.scrivibile}>
            <Show when={uscita()} fallback={<Pulsante piccolo onClick={() => setUscita(true)}>{s.uscita}</Pulsante>}>
              <form class="uscita" noValidate onSubmit={registra} aria-label={s.uscitaTitolo(`${m().cognome} ${m().nome}`)}>
                <CampoData id={`uscita-${m().id}`} etichetta={s.dataUscita} now={c.now} valore={data()} onInput={setData} errore={errore()} />
                <Pulsante tipo="submit" piccolo variante="primario">{t.cartella.comune.salva}</Pulsante>
              </form>
            </Show>
          </Show>
        }>{(d) => dataBreve(d())}</Show>
      </td>
    </tr>
  );
}

function NuovoMembro(props: { onFine: () => void }): JSX.Element {
  const c = useCartella();
  const [cognome, setCognome] = createSignal('');
  const [nome, setNome] = createSignal('');
  const [relazione, setRelazione] = createSignal<RelazioneNucleo | ''>('');
  const [convivente, setConvivente] = createSignal(true);
  const [nascita, setNascita] = createSignal('');
  const [cf, setCf] = createSignal('');
  let form: HTMLFormElement | undefined;
  const e = t.cartella.nuovo.errori;
  const m = createModulo<'cognome' | 'nome' | 'relazione' | 'nascita' | 'cf'>({
    cognome: () => richiesto(cognome(), e.cognome),
    nome: () => richiesto(nome(), e.nome),
    relazione: () => (relazione() ? undefined : s.errori.relazione),
    nascita: () => problemaData(nascita(), { nonFutura: giorno(c.now()) }),
    cf: () => (cf().trim() === '' || comeCodiceFiscale(cf()) ? undefined : e.codiceFiscale),
  }, { codice_fiscale_non_valido: 'cf', data_futura: 'nascita' });
  const invia = async (ev: SubmitEvent): Promise<void> => {
    ev.preventDefault();
    const id = await m.invia(form, () => c.esegui((x, ctx) => aggiungiMembroNucleo(x, {
      cognome: cognome().trim(), nome: nome().trim(), relazione: relazione() as RelazioneNucleo, convivente: convivente(),
      ...(isoDi(nascita()) ? { dataNascita: isoDi(nascita()) } : {}), ...(cf().trim() ? { codiceFiscale: cf().trim().toUpperCase() } : {}),
    }, ctx)));
    if (id) props.onFine();
  };
  return (
    <form ref={form} class="modulo" noValidate onSubmit={(ev) => void invia(ev)} aria-label={s.aggiungi}>
      <div class="griglia-campi">
        <CampoTesto id="nucleo-cognome" etichetta={t.cartella.nuovo.cognome} obbligatorio valore={cognome()} onInput={setCognome} maxLength={36}
          onBlur={() => m.tocca('cognome')} errore={m.errore('cognome')} ref={(el) => queueMicrotask(() => el.focus())} />
        <CampoTesto id="nucleo-nome" etichetta={t.cartella.nuovo.nome} obbligatorio valore={nome()} onInput={setNome} maxLength={36}
          onBlur={() => m.tocca('nome')} errore={m.errore('nome')} />
        <Selezione id="nucleo-relazione" etichetta={s.relazione} obbligatorio valore={relazione()} vuota={t.cartella.comune.scegli} onCambia={setRelazione}
          opzioni={RELAZIONI_NUCLEO.map((r) => ({ valore: r, etichetta: t.cartella.etichette.relazioniNucleo[r] ?? r }))} errore={m.errore('relazione')} />
        <CampoData id="nucleo-nascita" etichetta={facoltativo(t.cartella.nuovo.dataNascita)} now={c.now} valore={nascita()} onInput={setNascita}
          onBlur={() => m.tocca('nascita')} errore={m.errore('nascita')} />
        <CampoTesto id="nucleo-cf" etichetta={facoltativo(t.cartella.nuovo.codiceFiscale)} valore={cf()} onInput={setCf} maxLength={16} maiuscolo
          onBlur={() => m.tocca('cf')} errore={m.errore('cf')} />
        <label class="opzione campo-convivente">
          <input type="checkbox" checked={convivente()} onChange={(ev) => setConvivente(ev.currentTarget.checked)} />
          <span>{s.convivente}</span>
        </label>
      </div>
      <ErroreModulo messaggio={m.erroreGenerale()} />
      <div class="azioni">
        <Pulsante tipo="submit" variante="primario" inCorso={m.inCorso()}>{s.aggiungi}</Pulsante>
        <Pulsante onClick={props.onFine}>{t.cartella.comune.annulla}</Pulsante>
      </div>
    </form>
  );
}
