/**
 * @module client/cartella/sezioni/SchedaSinba
 * The scheda SINBA of a minor (SIUSS flow of minors and families), under the anagrafica: the
 * SINBA codes chosen from their Italian labels, grouped as the schema groups them, saved
 * together in one `aggiornaSchedaSinba`, and the list of what the SINBA record still lacks
 * (`mancantiSinba`: the same check as the export, so nothing is invented there). Shown only when
 * the person is a minor (or was, for less than a year) or a scheda already exists. Everyone on
 * the roster reads it; only the équipe writes it (model: assessments and court measures are
 * professional judgements). UI strings are local to this file (see the report to move them to
 * client/strings).
 */
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import {
  aggiornaSchedaSinba, CAMPI_SINBA_ELENCO, DEF_SINBA, elencoDi, ETICHETTE_GRUPPO_SINBA, GRUPPI_SINBA, giorno, leggiSchedaSinba,
  meseSinba, risolviConflittoSinba, RUOLI_EQUIPE, schedaSinbaPrevista,
  type CampoSinba, type DefCampoSinba, type MeseIso, type ModificaSchedaSinba, type ScritturaId,
} from '../../../crdt/model';
import { mancantiSinba } from '../../../crdt/siuss';
import { createDocView } from '../../lib/createDocView';
import { t } from '../../strings';
import { CampoTesto, ErroreModulo, Pulsante, Selezione } from '../../ui';
import { useCartella } from '../contesto';

const s = t.sinba.scheda;

type Valori = Readonly<Record<string, string | readonly string[]>>;

/** A stored value as the form shows it (months as MM/AAAA). */
function mostra(def: DefCampoSinba, v: unknown): string | readonly string[] {
  if (v === undefined) return def.tipo === 'composizione' ? [] : '';
  if (def.tipo === 'mese') return meseSinba(v as MeseIso);
  return Array.isArray(v) ? (v as readonly string[]) : String(v);
}

export function SchedaSinba(): JSX.Element {
  const c = useCartella();
  const admin = c.aperta.cartella.admin;
  const dati = createDocView([admin], () => ({
    scheda: leggiSchedaSinba(admin),
    mancanti: mancantiSinba(c.aperta.cartella, c.now()),
  }));
  const attuali = (): Valori => Object.fromEntries(CAMPI_SINBA_ELENCO.map((k) => [k, mostra(DEF_SINBA[k], dati().scheda.valori[k])]));
  const [valori, setValori] = createSignal<Valori>(attuali());
  const [errore, setErrore] = createSignal<string>();
  const [salvato, setSalvato] = createSignal<string>();
  const visibile = createMemo(() => schedaSinbaPrevista(c.vista().admin.anagrafica, giorno(c.now()))
    || Object.keys(dati().scheda.valori).length > 0);
  const scrivibile = (): boolean => { const m = c.io(); return !c.chiusa() && !!m && RUOLI_EQUIPE.includes(m.ruolo); };
  const conflitti = (): ReadonlyMap<string, ReturnType<typeof dati>['scheda']['conflitti'][number]> =>
    new Map(dati().scheda.conflitti.map((x) => [x.campo, x]));
  const imposta = (k: CampoSinba, v: string | readonly string[]): void => { setValori((p) => ({ ...p, [k]: v })); setSalvato(undefined); };

  const modifica = (): ModificaSchedaSinba => {
    const prima = attuali();
    const out: Record<string, string | number | readonly string[] | null> = {};
    for (const k of CAMPI_SINBA_ELENCO) {
      const nuovo = valori()[k] ?? '';
      if (JSON.stringify(nuovo) === JSON.stringify(prima[k] ?? '')) continue;
      if (Array.isArray(nuovo)) out[k] = nuovo.length === 0 ? null : nuovo;
      else {
        const testo = (nuovo as string).trim();
        out[k] = testo === '' ? null : DEF_SINBA[k].tipo === 'numero' && /^\d+$/.test(testo) ? Number(testo) : testo;
      }
    }
    return out as ModificaSchedaSinba;
  };
  const invia = (e: SubmitEvent): void => {
    e.preventDefault();
    const m = modifica();
    if (Object.keys(m).length === 0) { setErrore(undefined); setSalvato(s.nessunaModifica); return; }
    const r = c.esegui((x, ctx) => aggiornaSchedaSinba(x, m, ctx));
    if (!r.ok) { setErrore(r.message); setSalvato(undefined); return; }
    setErrore(undefined);
    queueMicrotask(() => { setValori(attuali()); setSalvato(s.salvata); });
  };
  const risolvi = (campo: CampoSinba, scelta: ScritturaId): void => {
    const r = c.esegui((x, ctx) => risolviConflittoSinba(x, { campo, scelta }, ctx));
    if (!r.ok) setErrore(r.message);
    else queueMicrotask(() => setValori(attuali()));
  };

  const controllo = (k: CampoSinba): JSX.Element => {
    const def: DefCampoSinba = DEF_SINBA[k];
    const id = `sinba-${k}`;
    const opzioni = (elencoDi(k) ?? []).map((v) => ({ valore: v.codice, etichetta: v.etichetta }));
    const conflitto = (): JSX.Element => (
      <Show when={conflitti().get(k)}>
        {(x) => (
          <div class="avviso avviso-attenzione" role="group" aria-label={`${def.etichetta}: ${s.conflitto}`}>
            <p>{s.conflitto}</p>
            <For each={x().valori}>
              {(w) => (
                <p>
                  {mostraValore(k, w.valore)} — {c.nomeDi(w.autore)}{' '}
                  <Show when={scrivibile()}><Pulsante piccolo variante="secondario" onClick={() => risolvi(k, w.scrittura)}>{s.tieni}</Pulsante></Show>
                </p>
              )}
            </For>
          </div>
        )}
      </Show>
    );
    if (def.tipo === 'composizione') {
      const scelti = (): readonly string[] => (valori()[k] as readonly string[] | undefined) ?? [];
      return (
        <fieldset class="scelta" disabled={!scrivibile()} data-testid="sinba-composizione">
          <legend>{def.etichetta}</legend>
          <For each={opzioni}>
            {(o) => (
              <label class="opzione">
                <input type="checkbox" value={o.valore} checked={scelti().includes(o.valore)}
                  onChange={(e) => imposta(k, e.currentTarget.checked ? [...scelti(), o.valore] : scelti().filter((x) => x !== o.valore))} />
                <span>{o.etichetta}</span>
              </label>
            )}
          </For>
          {conflitto()}
        </fieldset>
      );
    }
    if (def.tipo === 'codice') {
      return (
        <div>
          <Selezione id={id} etichetta={def.etichetta} valore={(valori()[k] as string | undefined) ?? ''} vuota={s.vuota}
            opzioni={opzioni} disabilitato={!scrivibile()} onCambia={(v) => imposta(k, v)} />
          {conflitto()}
        </div>
      );
    }
    return (
      <div>
        <CampoTesto id={id} etichetta={def.etichetta} valore={(valori()[k] as string | undefined) ?? ''} disabilitato={!scrivibile()}
          maxLength={def.tipo === 'mese' ? 7 : def.tipo === 'cittadinanza' ? 3 : def.tipo === 'regione' || def.tipo === 'numero' ? 2 : undefined}
          aiuto={def.tipo === 'mese' ? s.mese : undefined} aiutoNascosto={def.tipo === 'mese'} onInput={(v) => imposta(k, v)} />
        {conflitto()}
      </div>
    );
  };

  return (
    <Show when={visibile()}>
      <div class="sezione scheda-sinba" data-testid="scheda-sinba" id="scheda-sinba" style={{ 'margin-top': 'var(--space-5)' }}>
        <section class="scheda" aria-labelledby="titolo-sinba">
          <h2 id="titolo-sinba">{s.titolo}</h2>
          <p class="nota">{s.aiuto}</p>
          <div role="status" data-testid="sinba-mancanti">
            <Show when={dati().mancanti.length > 0} fallback={<p class="esito-ok">{s.completa}</p>}>
              <p class="siuss-mancanti"><strong>{s.mancano}</strong></p>
              <ul class="elenco-semplice">
                <For each={dati().mancanti}>{(m) => <li>{m.label} ({s.motivi[m.reason]})</li>}</For>
              </ul>
            </Show>
          </div>
          <Show when={!scrivibile() && !c.chiusa()}><p class="nota">{s.soloEquipe}</p></Show>
        </section>
        <form class="modulo" noValidate onSubmit={invia} aria-label={s.titolo}>
          <For each={GRUPPI_SINBA}>
            {(g) => (
              <fieldset class="scheda gruppo">
                <legend>{ETICHETTE_GRUPPO_SINBA[g]}</legend>
                <div class="griglia-campi">
                  <For each={CAMPI_SINBA_ELENCO.filter((k) => DEF_SINBA[k].gruppo === g)}>{(k) => controllo(k)}</For>
                </div>
              </fieldset>
            )}
          </For>
          <ErroreModulo messaggio={errore()} />
          <Show when={scrivibile()} fallback={<Show when={c.chiusa()}><p class="nota">{t.cartella.comune.chiusaSolaLettura}</p></Show>}>
            <div class="azioni">
              <Pulsante tipo="submit" variante="primario">{s.salva}</Pulsante>
              <Show when={salvato()}><span class="esito-ok" role="status">{salvato()}</span></Show>
            </div>
          </Show>
        </form>
      </div>
    </Show>
  );
}

/** A competing value as a person reads it. */
function mostraValore(k: CampoSinba, v: unknown): string {
  const def: DefCampoSinba = DEF_SINBA[k];
  const el = elencoDi(k);
  const uno = (x: unknown): string => el?.find((e) => e.codice === x)?.etichetta ?? String(x);
  if (Array.isArray(v)) return v.map(uno).join(', ');
  if (def.tipo === 'mese' && typeof v === 'string') return meseSinba(v as MeseIso);
  return v === null ? s.vuota : uno(v);
}
