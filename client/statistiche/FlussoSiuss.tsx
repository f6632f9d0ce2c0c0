/**
 * @module client/statistiche/FlussoSiuss
 * The SIUSS flows of a period (crdt/siuss): the ente's identification, the period and the flow —
 * PS/PSA (every prestazione) or SINBA (the minors, named by the ente's pseudonym key, with the
 * scheda SINBA of each cartella) — then, cartella by cartella, what keeps prestazioni out of the
 * file, with a link to where it is completed, and the XML to download. Nothing is completed by
 * guesswork. The SINBA key is typed or pasted for each export and never stored by this screen.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { randomBytes } from '../../crypto';
import { leggiCartella } from '../../crdt/model';
import {
  describeCartellaExclusion, excludedByCartella, exportPrestazioniSociali, exportSinba, parsePseudonymKeyText, pseudonymKeyText,
  PSEUDONYM_KEY_BYTES, type ExportOutcome, type FlowKind,
} from '../../crdt/siuss';
import { formatRoute } from '../app/router';
import { useSession } from '../app/session';
import { scaricaFile } from '../chiavi/scaricaFile';
import { nomePersona } from '../lib/nomePersona';
import { t } from '../strings';
import { Campo, CampoData, CampoTesto, ErroreModulo, isoDi, problemaData, Pulsante, Scelta } from '../ui';
import './statistiche.css';

const z = t.sinba.flusso;

const s = t.siuss;

export function FlussoSiuss(): JSX.Element {
  const session = useSession();
  const [codice, setCodice] = createSignal('');
  const [denominazione, setDenominazione] = createSignal(session.settings.enteName ?? '');
  const [catastale, setCatastale] = createSignal('');
  const [cf, setCf] = createSignal('');
  const [dal, setDal] = createSignal('');
  const [al, setAl] = createSignal('');
  const [flusso, setFlusso] = createSignal<FlowKind>('PS');
  const [chiave, setChiave] = createSignal('');
  const [chiaveNuova, setChiaveNuova] = createSignal(false);
  const [errore, setErrore] = createSignal<string>();
  const [esito, setEsito] = createSignal<{ flusso: FlowKind; outcome: ExportOutcome }>();

  const nomeDi = (id: string): string => {
    const c = session.workspace.cartella(id);
    if (!c) return id;
    const a = leggiCartella(c.cartella).admin.anagrafica;
    return nomePersona(a) ?? id;
  };
  const scegli = (f: FlowKind): void => { setFlusso(f); setEsito(undefined); };
  const generaChiave = (): void => { setChiave(pseudonymKeyText(randomBytes(PSEUDONYM_KEY_BYTES))); setChiaveNuova(true); };
  const prepara = (e: SubmitEvent): void => {
    e.preventDefault();
    setEsito(undefined);
    const p = problemaData(dal(), { obbligatoria: true }) ?? problemaData(al(), { obbligatoria: true });
    if (p) { setErrore(p); return; }
    const cartelle = session.workspace.cartelle().map((c) => c.cartella);
    const richiesta = {
      ente: { codice: codice(), denominazione: denominazione(), codiceCatastale: catastale().toUpperCase(), cfOperatore: cf().toUpperCase() },
      periodo: { dal: isoDi(dal()) ?? '', al: isoDi(al()) ?? '' },
    };
    const f = flusso();
    let r;
    if (f === 'PS') r = exportPrestazioniSociali(cartelle, richiesta);
    else {
      const k = parsePseudonymKeyText(chiave());
      r = k.ok ? exportSinba(cartelle, { ...richiesta, chiavePseudonimo: k.value }) : k;
    }
    if (!r.ok) { setErrore(r.message); return; }
    setErrore(undefined);
    setEsito({ flusso: f, outcome: r.value });
  };
  const scarica = (): void => {
    const x = esito();
    if (x?.outcome.xml) {
      const nome = `siuss-${x.flusso === 'PS' ? 'ps' : 'sinba'}-${isoDi(dal()) ?? ''}-${isoDi(al()) ?? ''}.xml`;
      scaricaFile(new TextEncoder().encode(x.outcome.xml), nome, 'application/xml');
    }
  };

  return (
    <div class="pagina pagina-stretta siuss">
      <h1>{s.titolo}</h1>
      <p class="aiuto">{z.intro}</p>
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
        <Scelta nome="siuss-flusso" legenda={z.flusso} valore={flusso()} onCambia={scegli} obbligatorio
          opzioni={[{ valore: 'PS', etichetta: z.ps, aiuto: z.psAiuto }, { valore: 'SINBA', etichetta: z.sinba, aiuto: z.sinbaAiuto }]} />
        <Show when={flusso() === 'SINBA'}>
          <fieldset class="gruppo">
            <legend>{z.chiaveTitolo}</legend>
            <p class="nota">{z.chiaveAiuto}</p>
            <Campo id="siuss-chiave" etichetta={z.chiave} obbligatorio classe="campo-largo">
              {(a) => (
                <input {...a} type={chiaveNuova() ? 'text' : 'password'} value={chiave()} autocomplete="off" spellcheck={false}
                  class="siuss-chiave" onInput={(e) => { setChiave(e.currentTarget.value); setChiaveNuova(false); }} />
              )}
            </Campo>
            <div class="azioni"><Pulsante variante="secondario" onClick={generaChiave}>{z.genera}</Pulsante></div>
            <Show when={chiaveNuova()}><p class="avviso avviso-attenzione" role="status">{z.chiaveNuova}</p></Show>
          </fieldset>
        </Show>
        <ErroreModulo messaggio={errore()} />
        <div class="azioni"><button type="submit" class="btn btn-primario">{s.prepara}</button></div>
      </form>
      <Show when={esito()}>
        {(x) => {
          const perCartella = (): ReturnType<typeof excludedByCartella> => excludedByCartella(x().outcome.excluded);
          const sezione = (): 'anagrafica' | 'procedimento' => (x().flusso === 'SINBA' ? 'anagrafica' : 'procedimento');
          return (
            <section class="scheda siuss-esito" aria-labelledby="siuss-esito" data-testid="siuss-esito" data-flusso={x().flusso}>
              <h2 id="siuss-esito">
                {x().outcome.xml ? (x().flusso === 'PS' ? s.esito(x().outcome.exported, x().outcome.beneficiaries) : z.esito(x().outcome.exported, x().outcome.beneficiaries)) : s.nessuna}
              </h2>
              <Show when={perCartella().length > 0}>
                <h3>{z.escluse(perCartella().length)}</h3>
                <p class="nota">{z.esclusAiuto}</p>
                <ul class="siuss-escluse" data-testid="siuss-escluse">
                  <For each={perCartella()}>
                    {(e) => (
                      <li data-testid="siuss-esclusa" data-cartella={e.cartellaId}>
                        <a href={formatRoute({ name: 'cartella', id: e.cartellaId, sezione: sezione() })}>{nomeDi(e.cartellaId)}</a>
                        {' — '}{describeCartellaExclusion(e)}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <Show when={x().outcome.xml}>
                <div class="azioni"><button type="button" class="btn btn-primario" onClick={scarica}>{s.scarica}</button></div>
              </Show>
              <Show when={x().flusso === 'SINBA'}><p class="nota">{z.pseudonimo}</p></Show>
            </section>
          );
        }}
      </Show>
    </div>
  );
}
