/**
 * @module client/agenda/Agenda
 * The worker's agenda across every cartella on the device (crdt/agenda): a day or a week,
 * appointments with their state and the outcome in one step ("svolto" opens the diary entry
 * it writes), the deadlines that follow from each cartella's rules, and an .ics export that
 * by default carries no name and no case detail.
 */
import { createMemo, createSignal, For, Match, Show, Switch, type JSX } from 'solid-js';
import { agendaGiorno, agendaSettimana, esportaIcs, lunedi, type CartellaInAgenda, type VoceAgenda } from '../../crdt/agenda';
import {
  aggiungiGiorni, annullaAppuntamento, ETICHETTE_LUOGO, ETICHETTE_STATO_APPUNTAMENTO, ETICHETTE_TIPO_APPUNTAMENTO, giorno as giornoDi,
  controllaIniziato, leggiCartella, segnaNonPresentato, svoltoInDiario, TIPI_CON_PERSONA, type Appuntamento, type Cartella, type DataIso,
  type Risultato, type VistaCartella,
} from '../../crdt/model';
import { useSession } from '../app/session';
import { formatRoute } from '../app/router';
import { scaricaFile } from '../chiavi/scaricaFile';
import { createLetture } from '../lib/createLetture';
import { t } from '../strings';
import { nomePersona } from '../lib/nomePersona';
import { dataBreve, dataLunga } from '../ui';
import './agenda.css';

const s = t.agenda;

/** How a cartella is named on the worker's own screen ("Rossi Maria"). */
function etichettaDi(v: VistaCartella): string {
  const a = v.admin.anagrafica;
  return nomePersona(a) ?? t.cartella.comune.sconosciuto;
}

export function Agenda(): JSX.Element {
  const session = useSession();
  const oggi = (): DataIso => giornoDi(session.now());
  const [modo, setModo] = createSignal<'giorno' | 'settimana'>('settimana');
  const [giorno, setGiorno] = createSignal<DataIso>(oggi());
  const [soloMiei, setSoloMiei] = createSignal(false);
  const [conNomi, setConNomi] = createSignal(false);
  const [conScadenze, setConScadenze] = createSignal(false);
  const [errore, setErrore] = createSignal<string>();
  const letture = createLetture<CartellaInAgenda>(session.workspace, 'agenda', (c) => {
    const vista = leggiCartella(c.cartella);
    return { id: c.id, etichetta: etichettaDi(vista), cartella: c.cartella, vista };
  });
  const periodo = createMemo(() => {
    const opzioni = soloMiei() ? { operatore: session.autore } : {};
    if (modo() === 'giorno') {
      const r = agendaGiorno(letture.elenco(), giorno(), session.now(), opzioni);
      return { dal: giorno(), al: giorno(), voci: r.ok ? r.value : [] };
    }
    const r = agendaSettimana(letture.elenco(), giorno(), session.now(), opzioni);
    return r.ok ? r.value : { dal: lunedi(giorno()), al: aggiungiGiorni(lunedi(giorno()), 6), voci: [] };
  });
  const giorni = createMemo(() => {
    const perGiorno = new Map<string, VoceAgenda[]>();
    for (const v of periodo().voci) perGiorno.set(v.data, [...(perGiorno.get(v.data) ?? []), v]);
    return [...perGiorno.entries()];
  });
  const sposta = (verso: 1 | -1): void => { setGiorno((g) => aggiungiGiorni(g, verso * (modo() === 'giorno' ? 1 : 7))); };

  const esegui = (id: string, op: (c: Cartella) => Risultato<unknown>): Risultato<unknown> | undefined => {
    const aperta = session.workspace.cartella(id);
    if (!aperta) return undefined;
    const r = op(aperta.cartella);
    setErrore(r.ok ? undefined : r.message);
    return r;
  };
  const ctx = (): { autore: typeof session.autore; now: Date } => ({ autore: session.autore, now: session.now() });
  const svolto = (cartella: string, id: string): void => {
    const r = esegui(cartella, (c) => svoltoInDiario(c, { id }, ctx()));
    if (r?.ok) session.navigate({ name: 'cartella', id: cartella, sezione: 'diario', elemento: (r.value as { voce: string }).voce });
  };
  const esporta = (): void => {
    const testo = esportaIcs(periodo().voci, { now: session.now(), includiEtichetta: conNomi(), scadenze: conScadenze() });
    scaricaFile(new TextEncoder().encode(testo), `agenda-${periodo().dal}.ics`, 'text/calendar');
  };

  return (
    <div class="pagina agenda">
      <div class="testa-sezione">
        <h1>{s.titolo}</h1>
      </div>
      <p class="aiuto">{s.intro}</p>
      <div class="barra-agenda" role="group" aria-label={s.vista}>
        <div class="gruppo-pulsanti">
          <button type="button" class="btn" onClick={() => sposta(-1)}>‹ {s.precedente}</button>
          <button type="button" class="btn" onClick={() => setGiorno(oggi())}>{s.oggi}</button>
          <button type="button" class="btn" onClick={() => sposta(1)}>{s.successivo} ›</button>
        </div>
        <div class="gruppo-pulsanti" role="radiogroup" aria-label={s.vista}>
          <button type="button" role="radio" class="btn" aria-checked={modo() === 'giorno'} classList={{ 'btn-attivo': modo() === 'giorno' }}
            onClick={() => setModo('giorno')}>{s.giorno}</button>
          <button type="button" role="radio" class="btn" aria-checked={modo() === 'settimana'} classList={{ 'btn-attivo': modo() === 'settimana' }}
            onClick={() => setModo('settimana')}>{s.settimana}</button>
        </div>
        <label class="opzione">
          <input type="checkbox" checked={soloMiei()} onChange={(e) => setSoloMiei(e.currentTarget.checked)} />
          <span>{s.soloMiei}</span>
        </label>
      </div>
      <h2 class="periodo-agenda" aria-live="polite" data-testid="periodo-agenda">
        {modo() === 'giorno' ? dataLunga(periodo().dal) : s.periodo(dataBreve(periodo().dal), dataBreve(periodo().al))}
      </h2>
      <Show when={letture.avanzamento()}>{(a) => <p class="caricamento" role="status">{s.caricamento(a().fatte, a().totale)}</p>}</Show>
      <Show when={errore()}><p class="avviso avviso-errore" role="alert">{errore()}</p></Show>
      <Show when={giorni().length > 0} fallback={<p class="vuoto">{s.nessuno}</p>}>
        <For each={giorni()}>
          {([data, voci]) => (
            <section class="giorno-agenda" aria-labelledby={`giorno-${data}`} classList={{ 'giorno-oggi': data === oggi() }}>
              <h3 id={`giorno-${data}`}>{dataLunga(data)}</h3>
              <ul class="voci-agenda">
                <For each={voci}>{(v) => <RigaAgenda voce={v} svolto={svolto} esegui={esegui} ctx={ctx} />}</For>
              </ul>
            </section>
          )}
        </For>
      </Show>
      <details class="dettaglio-modulo esporta-ics">
        <summary>{s.esporta.titolo}</summary>
        <p class="aiuto">{s.esporta.aiuto}</p>
        <label class="opzione"><input type="checkbox" checked={conNomi()} onChange={(e) => setConNomi(e.currentTarget.checked)} /><span>{s.esporta.conNomi}</span></label>
        <label class="opzione"><input type="checkbox" checked={conScadenze()} onChange={(e) => setConScadenze(e.currentTarget.checked)} /><span>{s.esporta.conScadenze}</span></label>
        <div class="azioni"><button type="button" class="btn" onClick={esporta}>{s.esporta.pulsante}</button></div>
      </details>
    </div>
  );
}

function RigaAgenda(props: {
  voce: VoceAgenda;
  svolto: (cartella: string, id: string) => void;
  esegui: (id: string, op: (c: Cartella) => Risultato<unknown>) => unknown;
  ctx: () => { autore: ReturnType<typeof useSession>['autore']; now: Date };
}): JSX.Element {
  const link = (cartella: string, nome: string): JSX.Element => (
    <a href={formatRoute({ name: 'cartella', id: cartella, sezione: 'riepilogo' })} aria-label={s.apriCartella(nome)}>{nome}</a>
  );
  return (
    <Switch>
      <Match when={props.voce.kind === 'scadenza' && props.voce}>
        {(v) => (
          <li class="voce-agenda voce-scadenza" data-testid="voce-scadenza" data-gravita={v().scadenza.gravita}>
            <span class="ora-agenda">{s.tuttoIlGiorno}</span>
            <span class="badge badge-attenzione">{s.scadenza}</span>
            <span class="testo-voce">{v().scadenza.messaggio}</span>
            <span class="cartella-voce">{link(v().cartella, v().etichetta)}</span>
          </li>
        )}
      </Match>
      <Match when={props.voce.kind === 'appuntamento' && props.voce}>
        {(v) => {
          const a = (): Appuntamento => v().appuntamento;
          // The model's rule (Italian wall-clock time), not the browser's time zone.
          const iniziato = (): boolean => controllaIniziato(a(), props.ctx()) === undefined;
          const attivo = (): boolean => a().stato === 'programmato' && !v().cartellaChiusa;
          return (
            <li class="voce-agenda" data-testid="voce-appuntamento" data-stato={a().stato}>
              <span class="ora-agenda">{a().inizio}–{a().fine}</span>
              <span class="tipo-voce">{ETICHETTE_TIPO_APPUNTAMENTO[a().tipo]}</span>
              <span class="badge" classList={{ 'badge-ok': a().stato === 'svolto', 'badge-pericolo': a().stato === 'non_presentato' }}>
                {ETICHETTE_STATO_APPUNTAMENTO[a().stato]}
              </span>
              <span class="luogo-voce">{ETICHETTE_LUOGO[a().luogo]}{a().luogoDettaglio ? ` — ${a().luogoDettaglio}` : ''}</span>
              <span class="cartella-voce">{link(v().cartella, v().etichetta)}</span>
              <Show when={attivo()}>
                <span class="azioni-voce">
                  <Show when={iniziato()}>
                    <button type="button" class="btn btn-piccolo btn-primario" onClick={() => props.svolto(v().cartella, a().id)}>{s.azioni.svolto}</button>
                    <Show when={TIPI_CON_PERSONA.includes(a().tipo)}>
                      <button type="button" class="btn btn-piccolo" onClick={() => props.esegui(v().cartella, (c) => segnaNonPresentato(c, { id: a().id }, props.ctx()))}>{s.azioni.nonPresentato}</button>
                    </Show>
                  </Show>
                  <button type="button" class="btn btn-piccolo" onClick={() => props.esegui(v().cartella, (c) => annullaAppuntamento(c, { id: a().id, da: 'servizio' }, props.ctx()))}>{s.azioni.annulla}</button>
                </span>
              </Show>
            </li>
          );
        }}
      </Match>
    </Switch>
  );
}
