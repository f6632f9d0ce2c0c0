/**
 * @module client/cartella/EsitoSegretariato
 * The end of the segretariato sociale with exactly one of its three outcomes: presa in
 * carico (continues into the apertura with its iniziativa), segnalazione to another
 * service (to whom, why) or chiusura. What the access phase still lacks (the informativa
 * privacy) is said here, with a one-key way to record it.
 */
import { createSignal, For, Match, Show, Switch, type JSX } from 'solid-js';
import {
  checklist, concludiSegretariato, ESITI_SEGRETARIATO, giorno, registraDocumento, type EsitoSegretariato as Esito,
} from '../../crdt/model';
import { t } from '../strings';
import {
  CampoAreaTesto, CampoData, CampoTesto, createModulo, ErroreModulo, facoltativo, isoDi, oggiTesto, problemaData, Pulsante,
  richiesto, Scelta,
} from '../ui';
import { useCartella } from './contesto';
import { FormApertura } from './FormApertura';

const s = t.cartella.esito;

export function EsitoSegretariato(props: { onConcluso: (esito: Esito) => void }): JSX.Element {
  const c = useCartella();
  const [esito, setEsito] = createSignal<Esito | ''>('');
  const [data, setData] = createSignal(oggiTesto(c.now()));
  const [destinatario, setDestinatario] = createSignal('');
  const [motivo, setMotivo] = createSignal('');
  const [erroreInformativa, setErroreInformativa] = createSignal<string>();
  let form: HTMLFormElement | undefined;

  const mancanti = (): readonly { requisito: string; descrizione: string }[] =>
    checklist(c.vista(), 'accesso').mancanti;

  const registraInformativa = (): void => {
    const r = c.esegui((x, ctx) => registraDocumento(x, { tipo: 'informativa_privacy', stato: 'acquisito', data: giorno(ctx.now) }, ctx));
    setErroreInformativa(r.ok ? undefined : r.message);
  };

  const m = createModulo<'data' | 'destinatario' | 'motivo'>({
    data: () => problemaData(data(), { obbligatoria: true, nonFutura: giorno(c.now()) }),
    destinatario: () => (esito() === 'segnalazione' ? richiesto(destinatario(), s.destinatarioVuoto) : undefined),
    motivo: () => (esito() === 'segnalazione' ? richiesto(motivo(), s.motivoVuoto) : undefined),
  }, { data_futura: 'data', date_incoerenti: 'data' });

  const invia = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const scelto = esito();
    if (scelto !== 'segnalazione' && scelto !== 'chiusura') return;
    const fatto = await m.invia(form, () => {
      const d = isoDi(data()) ?? '';
      return scelto === 'segnalazione'
        ? c.esegui((x, ctx) => concludiSegretariato(x, { esito: 'segnalazione', data: d, destinatario: destinatario().trim(), motivo: motivo().trim() }, ctx))
        : c.esegui((x, ctx) => concludiSegretariato(x, { esito: 'chiusura', data: d, ...(motivo().trim() ? { motivo: motivo().trim() } : {}) }, ctx));
    });
    if (fatto !== undefined) props.onConcluso(scelto);
  };

  return (
    <div class="esito-segretariato">
      <Show when={mancanti().length > 0}>
        <div class="avviso avviso-attenzione">
          <For each={mancanti()}>{(x) => <p>{s.manca(x.descrizione)}</p>}</For>
          <Show when={mancanti().some((x) => x.requisito === 'informativa_privacy')}>
            <Pulsante piccolo onClick={registraInformativa}>{t.cartella.nuovo.informativa}</Pulsante>
          </Show>
          <ErroreModulo messaggio={erroreInformativa()} />
        </div>
      </Show>
      <Scelta nome="esito" legenda={s.legenda} valore={esito()} onCambia={setEsito}
        opzioni={ESITI_SEGRETARIATO.map((v) => ({ valore: v, etichetta: s.esiti[v] ?? v, aiuto: s.aiuti[v] }))} />
      <Switch>
        <Match when={esito() === 'presa_in_carico'}>
          <FormApertura onAperta={() => props.onConcluso('presa_in_carico')} />
        </Match>
        <Match when={esito() === 'segnalazione' || esito() === 'chiusura'}>
          <form ref={form} class="modulo" noValidate onSubmit={(e) => void invia(e)}>
            <div class="griglia-campi">
              <CampoData id="esito-data" etichetta={s.data} obbligatorio now={c.now} valore={data()} onInput={setData}
                onBlur={() => m.tocca('data')} errore={m.errore('data')} />
              <Show when={esito() === 'segnalazione'}>
                <CampoTesto id="esito-destinatario" etichetta={s.destinatario} obbligatorio valore={destinatario()} maxLength={200}
                  onInput={setDestinatario} onBlur={() => m.tocca('destinatario')} errore={m.errore('destinatario')} />
              </Show>
              <CampoAreaTesto id="esito-motivo" classe="campo-largo"
                etichetta={esito() === 'segnalazione' ? s.motivo : facoltativo(s.motivoChiusura)}
                obbligatorio={esito() === 'segnalazione'} valore={motivo()} onInput={setMotivo}
                onBlur={() => m.tocca('motivo')} errore={m.errore('motivo')} />
            </div>
            <ErroreModulo messaggio={m.erroreGenerale()} />
            <div class="azioni">
              <Pulsante tipo="submit" variante="primario" inCorso={m.inCorso()} testoInCorso={t.cartella.comune.salvataggio}>{s.registra}</Pulsante>
            </div>
          </form>
        </Match>
      </Switch>
    </div>
  );
}
