/**
 * @module client/cartella/sezioni/Anagrafica
 * The person's data and the household. Changed fields are saved together in one
 * `aggiornaAnagrafica` (atomic: a refusal writes nothing); the model's refusal is shown
 * next to the field it names. Codice fiscale and dates are checked as they are left.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { aggiornaAnagrafica, comeCodiceFiscale, giorno, type CampoAnagrafica, type ModificaAnagrafica } from '../../../crdt/model';
import { t } from '../../strings';
import { CampoData, CampoTesto, createModulo, dataBreve, ErroreModulo, isoDi, problemaData, Pulsante, Selezione } from '../../ui';
import { useCartella } from '../contesto';
import { Nucleo } from './Nucleo';

const s = t.cartella.anagrafica;

interface DefCampo { readonly campo: CampoAnagrafica; readonly tipo?: 'data' | 'genere' | 'cf' | 'email' | 'tel'; readonly max?: number }
const GRUPPI: ReadonlyArray<{ titolo: string; campi: readonly DefCampo[]; aiuto?: string }> = [
  { titolo: s.persona, campi: [
    { campo: 'cognome', max: 36 }, { campo: 'nome', max: 36 }, { campo: 'codiceFiscale', tipo: 'cf', max: 16 },
    { campo: 'dataNascita', tipo: 'data' }, { campo: 'luogoNascita', max: 200 }, { campo: 'genere', tipo: 'genere' },
    { campo: 'cittadinanza', max: 3 },
  ] },
  { titolo: s.residenza, campi: [
    { campo: 'indirizzo', max: 200 }, { campo: 'comuneResidenza', max: 200 }, { campo: 'telefono', tipo: 'tel', max: 40 },
    { campo: 'email', tipo: 'email', max: 201 },
  ] },
  { titolo: s.siuss, aiuto: s.siussAiuto, campi: [
    { campo: 'codiceCatastaleNascita', max: 4 }, { campo: 'secondaCittadinanza', max: 3 }, { campo: 'codiceComuneResidenza', max: 6 },
    { campo: 'codiceRegioneResidenza', max: 2 }, { campo: 'codiceNazioneResidenza', max: 3 },
  ] },
];
const TUTTI = GRUPPI.flatMap((g) => g.campi);

/** The field a model message names («campo»), if it is one of the anagrafica's. */
function campoDelMessaggio(msg: string): CampoAnagrafica | undefined {
  const m = /«([^»]+)»/.exec(msg);
  return TUTTI.find((d) => d.campo === m?.[1] || s.campi[d.campo] === m?.[1])?.campo;
}

export function Anagrafica(): JSX.Element {
  const c = useCartella();
  const attuali = (): Record<string, string> => {
    const a = c.vista().admin.anagrafica as Record<string, string | undefined>;
    return Object.fromEntries(TUTTI.map((d) => [d.campo, d.tipo === 'data' ? dataBreve(a[d.campo]) : (a[d.campo] ?? '')]));
  };
  const [valori, setValori] = createSignal<Record<string, string>>(attuali());
  const [salvato, setSalvato] = createSignal<string>();
  const scrivibile = (): boolean => !c.chiusa() && !!c.io();
  let form: HTMLFormElement | undefined;
  const v = (k: string): string => valori()[k] ?? '';
  const imposta = (k: string, x: string): void => { setValori((p) => ({ ...p, [k]: x })); setSalvato(undefined); m.modifica(k as CampoAnagrafica); };

  const regole = Object.fromEntries(TUTTI.map((d) => [d.campo, (): string | undefined => {
    if (d.tipo === 'cf') return v(d.campo).trim() === '' || comeCodiceFiscale(v(d.campo)) ? undefined : t.cartella.nuovo.errori.codiceFiscale;
    if (d.tipo === 'data') return problemaData(v(d.campo), { nonFutura: giorno(c.now()) });
    return undefined;
  }])) as Record<CampoAnagrafica, () => string | undefined>;
  const m = createModulo<CampoAnagrafica>(regole, (e) => campoDelMessaggio(e.message)
    ?? (e.code === 'codice_fiscale_non_valido' ? 'codiceFiscale' : e.code.startsWith('data') ? 'dataNascita' : undefined));

  const modifica = (): ModificaAnagrafica => {
    const prima = attuali();
    const out: Record<string, string | null> = {};
    for (const d of TUTTI) {
      const nuovo = v(d.campo).trim();
      if (nuovo === (prima[d.campo] ?? '').trim()) continue;
      out[d.campo] = nuovo === '' ? null : d.tipo === 'data' ? (isoDi(nuovo) ?? nuovo) : d.tipo === 'cf' ? nuovo.toUpperCase() : nuovo;
    }
    return out as ModificaAnagrafica;
  };

  const invia = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const campi = await m.invia(form, () => {
      const r = c.esegui((x, ctx) => aggiornaAnagrafica(x, modifica(), ctx));
      // The model names the field by its key: say it with its label.
      return r.ok ? r : { ...r, message: r.message.replace(/«([A-Za-z]+)»/, (x, k: string) => (s.campi[k] ? `«${s.campi[k]}»` : x)) };
    });
    if (campi !== undefined) { setValori(attuali()); setSalvato(campi.length ? s.salvata : s.nessunaModifica); m.azzera(); }
  };

  const controllo = (d: DefCampo): JSX.Element => {
    const id = `anagrafica-${d.campo}`;
    // Getters: this runs once per field (inside <For>), the values must stay live.
    const comuni = {
      id, etichetta: s.campi[d.campo] ?? d.campo, onBlur: () => m.tocca(d.campo),
      get valore() { return v(d.campo); },
      get errore() { return m.errore(d.campo); },
      get disabilitato() { return !scrivibile(); },
    };
    if (d.tipo === 'data') return <CampoData {...comuni} now={c.now} onInput={(x) => imposta(d.campo, x)} />;
    if (d.tipo === 'genere') {
      return <Selezione id={id} etichetta={comuni.etichetta} valore={v(d.campo) as 'M' | 'F' | ''} vuota={t.cartella.comune.nessuno}
        errore={m.errore(d.campo)} disabilitato={!scrivibile()} onCambia={(x) => imposta(d.campo, x)}
        opzioni={[{ valore: 'F', etichetta: t.cartella.etichette.generi['F'] ?? 'F' }, { valore: 'M', etichetta: t.cartella.etichette.generi['M'] ?? 'M' }]} />;
    }
    return <CampoTesto {...comuni} tipo={d.tipo === 'email' ? 'email' : d.tipo === 'tel' ? 'tel' : 'text'} maxLength={d.max}
      maiuscolo={d.tipo === 'cf'} onInput={(x) => imposta(d.campo, x)} />;
  };

  return (
    <div class="sezione anagrafica">
      <form ref={form} class="modulo" noValidate onSubmit={(e) => void invia(e)} aria-label={s.titolo}>
        <For each={GRUPPI}>
          {(g) => (
            <fieldset class="scheda gruppo">
              <legend>{g.titolo}</legend>
              <Show when={g.aiuto}><p class="nota">{g.aiuto}</p></Show>
              <div class="griglia-campi">
                <For each={g.campi}>{(d) => controllo(d)}</For>
              </div>
            </fieldset>
          )}
        </For>
        <ErroreModulo messaggio={m.erroreGenerale()} />
        <Show when={scrivibile()} fallback={<p class="nota">{t.cartella.comune.chiusaSolaLettura}</p>}>
          <div class="azioni">
            <Pulsante tipo="submit" variante="primario" inCorso={m.inCorso()}>{s.salva}</Pulsante>
            <Show when={salvato()}><span class="esito-ok" role="status">{salvato()}</span></Show>
          </div>
        </Show>
      </form>
      <Nucleo />
    </div>
  );
}
