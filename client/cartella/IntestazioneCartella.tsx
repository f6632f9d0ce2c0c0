/**
 * @module client/cartella/IntestazioneCartella
 * The top of a cartella's page: the person, the state and phase, area and responsible
 * worker, who else is in the cartella now, and — when closed — that it is read-only.
 */
import { Show, type JSX } from 'solid-js';
import { ETICHETTE_AREA, ETICHETTE_FASE, ETICHETTE_MOTIVO_CHIUSURA, ETICHETTE_STATO } from '../../crdt/model';
import { t } from '../strings';
import { dataBreve } from '../ui';
import { useCartella } from './contesto';
import { Presenze } from './Presenze';

const s = t.cartella.vista;

export function IntestazioneCartella(): JSX.Element {
  const c = useCartella();
  const v = c.vista;
  const nome = (): string => {
    const a = v().admin.anagrafica;
    return a.cognome || a.nome ? `${a.cognome ?? ''} ${a.nome ?? ''}`.trim() : t.cartella.elenco.senzaNome;
  };
  const chiusura = (): { data: string; motivo: string } | undefined => {
    const e = v().admin.chiusura.attuale;
    return v().stato === 'chiusa' && e ? { data: dataBreve(e.data), motivo: e.motivo ? ETICHETTE_MOTIVO_CHIUSURA[e.motivo] : '' } : undefined;
  };
  return (
    <header class="intestazione-cartella">
      <div class="intestazione-riga">
        <div>
          <h1 data-testid="nome-cartella">{nome()}</h1>
          <p class="dati-testata">
            <Show when={v().admin.anagrafica.codiceFiscale}>
              {(cf) => <span><abbr title={t.cartella.nuovo.codiceFiscale}>{s.cf}</abbr> <span class="cf-testata">{cf()}</span></span>}
            </Show>
            <span class="badge badge-stato" data-stato={v().stato}>{ETICHETTE_STATO[v().stato]}</span>
            <Show when={v().fase}>
              {(f) => <span>{s.fase}: <strong>{ETICHETTE_FASE[f().fase]}</strong> {s.dal} {dataBreve(f().dal)}</span>}
            </Show>
            <Show when={v().admin.meta.area}>{(a) => <span>{s.area}: {ETICHETTE_AREA[a()]}</span>}</Show>
            <Show when={v().admin.meta.responsabile}>{(r) => <span>{s.responsabile}: {c.nomeDi(r())}</span>}</Show>
          </p>
        </div>
        <Presenze />
      </div>
      <Show when={chiusura()} keyed>
        {(x) => (
          <div class="avviso avviso-info avviso-chiusa" role="note" data-testid="avviso-chiusa">
            <p><strong>{s.chiusaIl(x.data, x.motivo)}</strong> {t.cartella.comune.chiusaSolaLettura}</p>
          </div>
        )}
      </Show>
      <Show when={!c.aperta.cartella.prof}>
        <p class="avviso avviso-info nota-amministrativa">{s.soloAmministrativa}</p>
      </Show>
    </header>
  );
}
