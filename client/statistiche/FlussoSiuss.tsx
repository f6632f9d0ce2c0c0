/**
 * @module client/statistiche/FlussoSiuss
 * The SIUSS flow of a period (crdt/siuss): the ente's identification, the period, then the
 * XML of the PS/PSA tracciato to download, and every prestazione left out with what it lacks
 * and a link to its cartella — nothing is completed by guesswork.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { leggiCartella } from '../../crdt/model';
import { describeExclusion, exportPrestazioniSociali, type ExportOutcome } from '../../crdt/siuss';
import { formatRoute } from '../app/router';
import { useSession } from '../app/session';
import { scaricaFile } from '../chiavi/scaricaFile';
import { t } from '../strings';
import { CampoData, CampoTesto, ErroreModulo, isoDi, problemaData } from '../ui';
import './statistiche.css';

const s = t.siuss;

export function FlussoSiuss(): JSX.Element {
  const session = useSession();
  const [codice, setCodice] = createSignal('');
  const [denominazione, setDenominazione] = createSignal(session.settings.enteName ?? '');
  const [catastale, setCatastale] = createSignal('');
  const [cf, setCf] = createSignal('');
  const [dal, setDal] = createSignal('');
  const [al, setAl] = createSignal('');
  const [errore, setErrore] = createSignal<string>();
  const [esito, setEsito] = createSignal<ExportOutcome>();

  const nomeDi = (id: string): string => {
    const c = session.workspace.cartella(id);
    if (!c) return id;
    const a = leggiCartella(c.cartella).admin.anagrafica;
    return [a.cognome, a.nome].filter(Boolean).join(' ') || id;
  };
  const prepara = (e: SubmitEvent): void => {
    e.preventDefault();
    setEsito(undefined);
    const p = problemaData(dal(), { obbligatoria: true }) ?? problemaData(al(), { obbligatoria: true });
    if (p) { setErrore(p); return; }
    const r = exportPrestazioniSociali(session.workspace.cartelle().map((c) => c.cartella), {
      ente: { codice: codice(), denominazione: denominazione(), codiceCatastale: catastale().toUpperCase(), cfOperatore: cf().toUpperCase() },
      periodo: { dal: isoDi(dal()) ?? '', al: isoDi(al()) ?? '' },
    });
    if (!r.ok) { setErrore(r.message); return; }
    setErrore(undefined);
    setEsito(r.value);
  };
  const scarica = (): void => {
    const x = esito()?.xml;
    if (x) scaricaFile(new TextEncoder().encode(x), `siuss-ps-${isoDi(dal()) ?? ''}-${isoDi(al()) ?? ''}.xml`, 'application/xml');
  };

  return (
    <div class="pagina pagina-stretta siuss">
      <h1>{s.titolo}</h1>
      <p class="aiuto">{s.intro}</p>
      <form class="modulo" noValidate onSubmit={prepara}>
        <fieldset class="gruppo">
          <legend>{s.ente}</legend>
          <div class="griglia-campi">
            <CampoTesto id="siuss-codice" etichetta={s.codiceEnte} obbligatorio valore={codice()} onInput={setCodice} maxLength={32} />
            <CampoTesto id="siuss-denominazione" etichetta={s.denominazione} valore={denominazione()} onInput={setDenominazione} maxLength={200} classe="campo-largo" />
            <CampoTesto id="siuss-catastale" etichetta={s.codiceCatastale} obbligatorio valore={catastale()} onInput={setCatastale} maxLength={4} maiuscolo />
            <CampoTesto id="siuss-cf" etichetta={s.cfOperatore} obbligatorio valore={cf()} onInput={setCf} maxLength={16} maiuscolo />
          </div>
        </fieldset>
        <fieldset class="gruppo">
          <legend>{s.periodo}</legend>
          <div class="griglia-campi">
            <CampoData id="siuss-dal" etichetta={s.dal} obbligatorio now={session.now} valore={dal()} onInput={setDal} />
            <CampoData id="siuss-al" etichetta={s.al} obbligatorio now={session.now} valore={al()} onInput={setAl} />
          </div>
        </fieldset>
        <ErroreModulo messaggio={errore()} />
        <div class="azioni"><button type="submit" class="btn btn-primario">{s.prepara}</button></div>
      </form>
      <Show when={esito()}>
        {(x) => (
          <section class="scheda" aria-labelledby="siuss-esito" data-testid="siuss-esito">
            <h2 id="siuss-esito">{x().xml ? s.esito(x().exported, x().beneficiaries) : s.nessuna}</h2>
            <Show when={x().xml}><div class="azioni"><button type="button" class="btn btn-primario" onClick={scarica}>{s.scarica}</button></div></Show>
            <Show when={x().excluded.length > 0}>
              <h3>{s.escluse(x().excluded.length)}</h3>
              <ul class="siuss-escluse" data-testid="siuss-escluse">
                <For each={x().excluded}>
                  {(e) => (
                    <li>
                      <a href={formatRoute({ name: 'cartella', id: e.cartellaId, sezione: 'procedimento' })}>{nomeDi(e.cartellaId)}</a>
                      {' — '}{describeExclusion(e)}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <p class="nota">{s.minori}</p>
          </section>
        )}
      </Show>
    </div>
  );
}
