/**
 * @module client/cartelle/NuovoAccesso
 * The scheda segretariato sociale, quick enough for the front office and the interview:
 * who (name, codice fiscale, birth, phone), when and how, the request in the person's words,
 * the orientation given, and the informativa privacy. Saving creates the cartella
 * (`nuovaCartella`) and records the access (`registraAccesso`) — rehearsed first on scratch
 * documents, so a refusal leaves nothing half-made. Then the segretariato ends with its
 * outcome (client/cartella/EsitoSegretariato), now or later from the cartella.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { useSession } from '../app/session';
import type { CartellaAperta } from '../../crdt/workspace';
import { ContestoCartellaCtx, creaContestoCartella } from '../cartella/contesto';
import { EsitoSegretariato } from '../cartella/EsitoSegretariato';
import { t } from '../strings';
import { Pulsante } from '../ui';
import { SchedaAccesso } from './SchedaAccesso';
import './elenco.css';

const s = t.cartella.nuovo;

export function NuovoAccesso(): JSX.Element {
  const session = useSession();
  const [creata, setCreata] = createSignal<CartellaAperta>();
  const vai = (id: string): void => session.navigate({ name: 'cartella', id, sezione: 'riepilogo' });
  let titoloEsito: HTMLHeadingElement | undefined;

  return (
    <div class="pagina nuovo-accesso">
      <h1>{s.titolo}</h1>
      <Show when={creata()} keyed fallback={
        <SchedaAccesso onRegistrato={(a) => { setCreata(a); queueMicrotask(() => titoloEsito?.focus()); }} />
      }>
        {(aperta) => (
          <ContestoCartellaCtx.Provider value={creaContestoCartella(aperta)}>
            <p class="avviso avviso-ok conferma-ok" role="status">{s.registrato}</p>
            <section class="scheda esito-segretariato" aria-labelledby="titolo-esito">
              <h2 id="titolo-esito" tabindex="-1" ref={titoloEsito}>{s.esitoTitolo}</h2>
              <Esito aperta={aperta} onVai={vai} onAltro={() => setCreata(undefined)} />
            </section>
          </ContestoCartellaCtx.Provider>
        )}
      </Show>
    </div>
  );
}

function Esito(props: { aperta: CartellaAperta; onVai: (id: string) => void; onAltro: () => void }): JSX.Element {
  const session = useSession();
  const decisionale = session.profile.ruolo !== 'amministrativo';
  return (
    <>
      <Show when={decisionale} fallback={<p>{s.esitoNonDecisionale}</p>}>
        <p class="nota">{s.esitoIntro}</p>
        <EsitoSegretariato onConcluso={() => props.onVai(props.aperta.id)} />
      </Show>
      <div class="azioni azioni-dopo">
        <Pulsante onClick={() => props.onVai(props.aperta.id)}>{decisionale ? s.decidiDopo : s.vaiAllaCartella}</Pulsante>
        <Pulsante variante="link" onClick={() => props.onAltro()}>{s.altroAccesso}</Pulsante>
      </div>
    </>
  );
}
