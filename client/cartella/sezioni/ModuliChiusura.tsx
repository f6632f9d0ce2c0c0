/**
 * @module client/cartella/sezioni/ModuliChiusura
 * The three forms of the closure lifecycle: propose (one of four reasons; trasferimento
 * needs the destination, decesso its date), confirm or withdraw, reopen (with its reason).
 */
import { createSignal, Show, type JSX } from 'solid-js';
import {
  confermaChiusura, ETICHETTE_MOTIVO_CHIUSURA, giorno, MOTIVI_CHIUSURA, proponiChiusura, riapriCartella, ritiraProposta,
  type MotivoChiusura,
} from '../../../crdt/model';
import { t } from '../../strings';
import {
  CampoAreaTesto, CampoData, CampoTesto, createModulo, dataBreve, Dialogo, ErroreModulo, facoltativo, isoDi, oggiTesto, problemaData,
  Pulsante, richiesto, Scelta,
} from '../../ui';
import { useCartella } from '../contesto';

const s = t.cartella.chiusura;

export function ProponiChiusura(props: { inattiva: boolean }): JSX.Element {
  const c = useCartella();
  const oggi = (): ReturnType<typeof giorno> => giorno(c.now());
  const [motivo, setMotivo] = createSignal<MotivoChiusura | ''>(props.inattiva ? 'inattivita' : '');
  const [data, setData] = createSignal(oggiTesto(c.now()));
  const [note, setNote] = createSignal('');
  const [destinazione, setDestinazione] = createSignal('');
  const [decesso, setDecesso] = createSignal('');
  let form: HTMLFormElement | undefined;
  const m = createModulo<'motivo' | 'data' | 'destinazione' | 'decesso'>({
    motivo: () => (motivo() ? undefined : s.errori.motivo),
    data: () => problemaData(data(), { obbligatoria: true, nonFutura: oggi() }),
    destinazione: () => (motivo() === 'trasferimento' ? richiesto(destinazione(), s.errori.destinazione) : undefined),
    decesso: () => (motivo() === 'decesso' ? problemaData(decesso(), { obbligatoria: true, nonFutura: oggi() }) : undefined),
  }, { motivo_chiusura_non_valido: 'motivo', inattivita_non_maturata: 'motivo', date_incoerenti: 'data' });
  const invia = (e: SubmitEvent): void => {
    e.preventDefault();
    void m.invia(form, () => c.esegui((x, ctx) => proponiChiusura(x, {
      motivo: motivo() as MotivoChiusura, data: isoDi(data()) ?? '',
      ...(note().trim() ? { note: note().trim() } : {}),
      ...(motivo() === 'trasferimento' ? { destinazione: destinazione().trim() } : {}),
      ...(motivo() === 'decesso' ? { dataDecesso: isoDi(decesso()) ?? '' } : {}),
    }, ctx)));
  };
  return (
    <form ref={form} class="modulo scheda" noValidate onSubmit={invia} aria-labelledby="titolo-proponi">
      <h3 id="titolo-proponi">{s.proponi}</h3>
      <p class="nota">{s.proponiIntro}</p>
      <Scelta nome="motivo-chiusura" legenda={s.motivo} obbligatorio valore={motivo()} onCambia={setMotivo} errore={m.errore('motivo')}
        opzioni={MOTIVI_CHIUSURA.map((x) => ({ valore: x, etichetta: ETICHETTE_MOTIVO_CHIUSURA[x] }))} />
      <div class="griglia-campi">
        <CampoData id="chiusura-data" etichetta={s.data} obbligatorio now={c.now} valore={data()} onInput={setData}
          onBlur={() => m.tocca('data')} errore={m.errore('data')} />
        <Show when={motivo() === 'trasferimento'}>
          <CampoTesto id="chiusura-destinazione" etichetta={s.destinazione} obbligatorio valore={destinazione()} onInput={setDestinazione}
            maxLength={200} onBlur={() => m.tocca('destinazione')} errore={m.errore('destinazione')} />
        </Show>
        <Show when={motivo() === 'decesso'}>
          <CampoData id="chiusura-decesso" etichetta={s.dataDecesso} obbligatorio now={c.now} valore={decesso()} onInput={setDecesso}
            onBlur={() => m.tocca('decesso')} errore={m.errore('decesso')} />
        </Show>
        <CampoAreaTesto id="chiusura-note" classe="campo-largo" etichetta={facoltativo(s.note)} valore={note()} onInput={setNote} maxLength={4000} />
      </div>
      <ErroreModulo messaggio={m.erroreGenerale()} />
      <div class="azioni">
        <Pulsante tipo="submit" variante="primario" inCorso={m.inCorso()}>{s.proponi}</Pulsante>
      </div>
    </form>
  );
}

export function ConfermaChiusura(): JSX.Element {
  const c = useCartella();
  const [data, setData] = createSignal(oggiTesto(c.now()));
  const [note, setNote] = createSignal('');
  const [domanda, setDomanda] = createSignal(false);
  let form: HTMLFormElement | undefined;
  const m = createModulo<'data'>({
    data: () => problemaData(data(), { obbligatoria: true, nonFutura: giorno(c.now()) }),
  }, { date_incoerenti: 'data', data_futura: 'data' });
  // Closing makes the cartella read-only: asked once more, in a dialog, before it is done.
  const conferma = (e: SubmitEvent): void => {
    e.preventDefault();
    if (!problemaData(data(), { obbligatoria: true, nonFutura: giorno(c.now()) })) setDomanda(true);
    else void m.invia(form, () => ({ ok: true, value: null }));
  };
  const chiudi = (): void => {
    setDomanda(false);
    void m.invia(form, () => c.esegui((x, ctx) => confermaChiusura(x, { data: isoDi(data()) ?? '' }, ctx)));
  };
  const ritira = (): void => {
    void m.invia(form, () => c.esegui((x, ctx) => ritiraProposta(x, { data: isoDi(data()) ?? '', ...(note().trim() ? { note: note().trim() } : {}) }, ctx)));
  };
  return (
    <form ref={form} class="modulo scheda" noValidate onSubmit={conferma} aria-labelledby="titolo-conferma">
      <h3 id="titolo-conferma">{s.conferma}</h3>
      <p class="nota">{s.confermaIntro}</p>
      <div class="griglia-campi">
        <CampoData id="conferma-data" etichetta={s.dataChiusura} obbligatorio now={c.now} valore={data()} onInput={setData}
          onBlur={() => m.tocca('data')} errore={m.errore('data')} />
        <CampoAreaTesto id="conferma-note" classe="campo-largo" etichetta={facoltativo(s.note)} valore={note()} onInput={setNote} maxLength={4000} />
      </div>
      <ErroreModulo messaggio={m.erroreGenerale()} />
      <div class="azioni">
        <Pulsante tipo="submit" variante="pericolo" inCorso={m.inCorso()} testid="conferma-chiusura">{s.conferma}</Pulsante>
        <Pulsante onClick={ritira}>{s.ritira}</Pulsante>
      </div>
      <Dialogo id="dialogo-chiusura" aperto={domanda()} titolo={s.domanda} onChiudi={() => setDomanda(false)}>
        <p>{s.domandaTesto(dataBreve(isoDi(data())))}</p>
        <div class="azioni">
          <Pulsante onClick={() => setDomanda(false)}>{t.cartella.comune.annulla}</Pulsante>
          <Pulsante variante="pericolo" onClick={chiudi} testid="chiudi-cartella">{s.chiudiOra}</Pulsante>
        </div>
      </Dialogo>
    </form>
  );
}

export function RiapriCartella(): JSX.Element {
  const c = useCartella();
  const [data, setData] = createSignal(oggiTesto(c.now()));
  const [motivo, setMotivo] = createSignal('');
  let form: HTMLFormElement | undefined;
  const m = createModulo<'data' | 'motivo'>({
    data: () => problemaData(data(), { obbligatoria: true, nonFutura: giorno(c.now()) }),
    motivo: () => richiesto(motivo(), s.errori.motivoRiapertura),
  }, { date_incoerenti: 'data', data_futura: 'data', campo_obbligatorio: 'motivo' });
  const invia = (e: SubmitEvent): void => {
    e.preventDefault();
    void m.invia(form, () => c.esegui((x, ctx) => riapriCartella(x, { data: isoDi(data()) ?? '', motivo: motivo().trim() }, ctx)));
  };
  return (
    <form ref={form} class="modulo scheda" noValidate onSubmit={invia} aria-labelledby="titolo-riapri">
      <h3 id="titolo-riapri">{s.riapri}</h3>
      <p class="nota">{s.riapriIntro}</p>
      <div class="griglia-campi">
        <CampoData id="riapri-data" etichetta={s.dataRiapertura} obbligatorio now={c.now} valore={data()} onInput={setData}
          onBlur={() => m.tocca('data')} errore={m.errore('data')} />
        <CampoAreaTesto id="riapri-motivo" classe="campo-largo" etichetta={s.motivoRiapertura} obbligatorio valore={motivo()}
          onInput={setMotivo} onBlur={() => m.tocca('motivo')} errore={m.errore('motivo')} maxLength={4000} />
      </div>
      <ErroreModulo messaggio={m.erroreGenerale()} />
      <div class="azioni">
        <Pulsante tipo="submit" variante="primario" inCorso={m.inCorso()}>{s.riapri}</Pulsante>
      </div>
    </form>
  );
}
