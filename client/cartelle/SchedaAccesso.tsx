/**
 * @module client/cartelle/SchedaAccesso
 * The form of the scheda segretariato sociale. Every rule a person can break is checked
 * here first with its own Italian message next to the field (the model re-checks all of
 * it); then `registraAccessoNuovo` creates the cartella and records the access.
 */
import { createSignal, onMount, type JSX } from 'solid-js';
import { CANALI, comeCodiceFiscale, giorno, type Canale } from '../../crdt/model';
import type { CartellaAperta } from '../../crdt/workspace';
import { useSession } from '../app/session';
import { t } from '../strings';
import {
  CampoAreaTesto, CampoData, CampoTesto, createModulo, ErroreModulo, facoltativo, isoDi, oggiTesto, problemaData, Pulsante,
  richiesto, Selezione,
} from '../ui';
import { registraAccessoNuovo } from './registraAccessoNuovo';

const s = t.cartella.nuovo;
type Campi = 'cognome' | 'nome' | 'cf' | 'nascita' | 'telefono' | 'data' | 'canale' | 'richiesta';

const lunghezza = (v: string, max: number, msg: string): string | undefined => ([...v.trim()].length > max ? msg : undefined);

export function SchedaAccesso(props: { onRegistrato: (a: CartellaAperta) => void }): JSX.Element {
  const session = useSession();
  const [cognome, setCognome] = createSignal('');
  const [nome, setNome] = createSignal('');
  const [cf, setCf] = createSignal('');
  const [nascita, setNascita] = createSignal('');
  const [telefono, setTelefono] = createSignal('');
  const [data, setData] = createSignal(oggiTesto(session.now()));
  const [canale, setCanale] = createSignal<Canale | ''>('sportello');
  const [richiesta, setRichiesta] = createSignal('');
  const [orientamento, setOrientamento] = createSignal('');
  const [informativa, setInformativa] = createSignal(false);
  let form: HTMLFormElement | undefined;
  let primo: HTMLInputElement | undefined;
  const oggi = (): ReturnType<typeof giorno> => giorno(session.now());

  const m = createModulo<Campi>({
    cognome: () => richiesto(cognome(), s.errori.cognome) ?? lunghezza(cognome(), 36, s.errori.lunghezza),
    nome: () => richiesto(nome(), s.errori.nome) ?? lunghezza(nome(), 36, s.errori.lunghezza),
    cf: () => (cf().trim() === '' || comeCodiceFiscale(cf()) ? undefined : s.errori.codiceFiscale),
    nascita: () => problemaData(nascita(), { nonFutura: oggi() }),
    telefono: () => (telefono().trim() === '' || (telefono().trim().length >= 3 && telefono().trim().length <= 40) ? undefined : t.cartella.anagrafica.errori.telefono),
    data: () => problemaData(data(), { obbligatoria: true, nonFutura: oggi() }),
    canale: () => (canale() ? undefined : s.errori.canale),
    richiesta: () => richiesto(richiesta(), s.errori.richiesta),
  }, { codice_fiscale_non_valido: 'cf', data_futura: 'data' });

  onMount(() => primo?.focus());

  const invia = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const creata = await m.invia(form, () => registraAccessoNuovo(session, {
      accesso: {
        data: isoDi(data()) ?? '', canale: canale() as Canale, richiesta: richiesta().trim(),
        ...(orientamento().trim() ? { orientamento: orientamento().trim() } : {}),
        persona: {
          cognome: cognome().trim(), nome: nome().trim(),
          ...(cf().trim() ? { codiceFiscale: cf().trim() } : {}),
          ...(isoDi(nascita()) ? { dataNascita: isoDi(nascita()) } : {}),
          ...(telefono().trim() ? { telefono: telefono().trim() } : {}),
        },
      },
      informativa: informativa(),
    }));
    if (creata) props.onRegistrato(creata);
  };

  return (
    <form ref={form} class="modulo" noValidate onSubmit={(e) => void invia(e)} aria-describedby="intro-accesso">
      <p class="lead" id="intro-accesso">{s.intro}</p>
      <fieldset class="scheda gruppo">
        <legend>{s.persona}</legend>
        <div class="griglia-campi">
          <CampoTesto id="accesso-cognome" etichetta={s.cognome} obbligatorio valore={cognome()} onInput={setCognome}
            onBlur={() => m.tocca('cognome')} errore={m.errore('cognome')} autocomplete="off" ref={(el) => { primo = el; }} />
          <CampoTesto id="accesso-nome" etichetta={s.nome} obbligatorio valore={nome()} onInput={setNome}
            onBlur={() => m.tocca('nome')} errore={m.errore('nome')} />
          <CampoTesto id="accesso-cf" etichetta={facoltativo(s.codiceFiscale)} valore={cf()} onInput={setCf} maxLength={16} maiuscolo
            onBlur={() => m.tocca('cf')} errore={m.errore('cf')} />
          <CampoData id="accesso-nascita" etichetta={facoltativo(s.dataNascita)} now={session.now} valore={nascita()}
            onInput={setNascita} onBlur={() => m.tocca('nascita')} errore={m.errore('nascita')} />
          <CampoTesto id="accesso-telefono" etichetta={facoltativo(s.telefono)} tipo="tel" valore={telefono()} onInput={setTelefono}
            maxLength={40} onBlur={() => m.tocca('telefono')} errore={m.errore('telefono')} />
        </div>
      </fieldset>
      <fieldset class="scheda gruppo">
        <legend>{s.accesso}</legend>
        <div class="griglia-campi">
          <CampoData id="accesso-data" etichetta={s.data} obbligatorio now={session.now} valore={data()} onInput={setData}
            onBlur={() => m.tocca('data')} errore={m.errore('data')} />
          <Selezione id="accesso-canale" etichetta={s.canale} obbligatorio valore={canale()} onCambia={setCanale}
            opzioni={CANALI.map((c) => ({ valore: c, etichetta: t.cartella.etichette.canali[c] ?? c }))} errore={m.errore('canale')} />
          <CampoAreaTesto id="accesso-richiesta" classe="campo-largo" etichetta={s.richiesta} aiuto={s.richiestaAiuto} obbligatorio
            valore={richiesta()} onInput={setRichiesta} maxLength={4000} onBlur={() => m.tocca('richiesta')} errore={m.errore('richiesta')} />
          <CampoAreaTesto id="accesso-orientamento" classe="campo-largo" etichetta={facoltativo(s.orientamento)}
            valore={orientamento()} onInput={setOrientamento} maxLength={4000} />
          <label class="opzione campo-largo">
            <input type="checkbox" checked={informativa()} onChange={(e) => setInformativa(e.currentTarget.checked)}
              aria-describedby="accesso-informativa-aiuto" />
            <span>{s.informativa}<span class="aiuto opzione-aiuto" id="accesso-informativa-aiuto">{s.informativaAiuto}</span></span>
          </label>
        </div>
      </fieldset>
      <ErroreModulo messaggio={m.erroreGenerale()} />
      <div class="azioni">
        <Pulsante tipo="submit" variante="primario" inCorso={m.inCorso()} testoInCorso={s.registrazione}>{s.registra}</Pulsante>
      </div>
    </form>
  );
}
