/**
 * @module client/cartella/Allegati
 * Attachments on the cartella's screens (docs/ATTACHMENTS.md): the list of a document's or a
 * diary entry's files — name, type, size, who attached it and when, whether it is on this device
 * ("disponibile offline") or still uploading ("in attesa di rete", "caricamento 40%") — with
 * "Mostra" (images) and "Scarica"; and the "Allega un file" button (file picker, or a file dropped
 * on it). Checks, sealing, upload and download are the workspace's (crdt/workspace/allegati.ts);
 * the screen only reads the file and shows what it is told.
 */
import { createSignal, For, onCleanup, Show, type Accessor, type JSX } from 'solid-js';
import { dimensione, MIME_ALLEGATO, type AllegatoAperto } from '../../crdt/allegati';
import type { Allegato } from '../../crdt/model';
import type { AllegatiWorkspace, AllegatoRegistrato, Destinazione, StatoCaricamento } from '../../crdt/workspace/allegati';
import { formatMomento } from '../app/date';
import { ErroreModulo, Pulsante } from '../ui';
import { t } from '../strings';
import { useCartella } from './contesto';

const s = t.allegati;

/** What the file picker accepts (the bytes decide in the end). */
export const ACCETTA_ALLEGATI = [...new Set(Object.values(MIME_ALLEGATO)), '.pdf', '.jpg', '.jpeg', '.png'].join(',');

/** A counter that moves whenever an upload moves or a copy reaches the device. */
function createAggiornamenti(allegati: AllegatiWorkspace | undefined): Accessor<number> {
  const [n, setN] = createSignal(0);
  if (allegati) onCleanup(allegati.subscribe(() => setN((x) => x + 1)));
  return n;
}

/** Reads a picked file, refusing one above the limit before reading it. */
export async function leggiFile(
  allegati: AllegatiWorkspace, file: File,
): Promise<{ readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly message: string }> {
  const dim = allegati.controllaDimensione(file.name, file.size);
  if (!dim.ok) return dim;
  try {
    return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()) };
  } catch {
    return { ok: false, message: `Il file «${file.name}» non si può leggere.` };
  }
}

/** The attachments of one document or diary entry. */
export function ElencoAllegati(props: { allegati: readonly Allegato[]; etichetta: string }): JSX.Element {
  return (
    <Show when={props.allegati.length > 0}>
      <ul class="elenco-allegati" aria-label={props.etichetta} data-testid="allegati">
        <For each={props.allegati}>{(a) => <RigaAllegato allegato={a} />}</For>
      </ul>
    </Show>
  );
}

function RigaAllegato(props: { allegato: Allegato }): JSX.Element {
  const c = useCartella();
  const servizio = c.allegati;
  const versione = createAggiornamenti(servizio);
  const a = (): Allegato => props.allegato;
  const [errore, setErrore] = createSignal<string>();
  const [inCorso, setInCorso] = createSignal(false);
  const [anteprima, setAnteprima] = createSignal<string>();
  const caricamento = (): StatoCaricamento | undefined => { versione(); return servizio?.caricamento(a().blob); };
  const offline = (): boolean => { versione(); return servizio?.disponibileOffline(c.aperta.id, a()) ?? false; };
  const chiudiAnteprima = (): void => {
    const url = anteprima();
    if (url) URL.revokeObjectURL(url);
    setAnteprima(undefined);
  };
  onCleanup(chiudiAnteprima);

  const apri = async (): Promise<AllegatoAperto | undefined> => {
    if (!servizio) return undefined;
    setInCorso(true);
    setErrore(undefined);
    try {
      const r = await servizio.apri(c.aperta.id, a());
      if (!r.ok) setErrore(r.message);
      return r.ok ? r.value : undefined;
    } finally {
      setInCorso(false);
    }
  };
  const mostra = async (): Promise<void> => {
    if (anteprima()) return chiudiAnteprima();
    const r = await apri();
    if (r) setAnteprima(URL.createObjectURL(new Blob([r.bytes.slice()], { type: r.mime })));
  };
  const scarica = async (): Promise<void> => {
    const r = await apri();
    if (!r) return;
    const url = URL.createObjectURL(new Blob([r.bytes.slice()], { type: r.mime }));
    const link = document.createElement('a');
    link.href = url;
    link.download = a().nome;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  const immagine = (): boolean => a().formato !== 'pdf';

  return (
    <li class="allegato" classList={{ 'allegato-rimosso': !!a().rimosso }} data-testid="allegato" data-blob={a().blob}>
      <div class="riga-allegato">
        <div class="dati-allegato">
          <span class="nome-allegato">{a().nome}</span>
          <span class="nota">
            {s.formati[a().formato]} · {dimensione(a().byte)} · {s.aggiuntoDa(c.nomeDi(a().aggiuntoDa), formatMomento(new Date(a().aggiuntoIl), c.now()))}
          </span>
          <Show when={a().rimosso}>{(r) => <span class="nota blocco">{s.rimosso(r().motivo)}</span>}</Show>
        </div>
        <Show when={!a().rimosso}>
          <StatoAllegato caricamento={caricamento()} offline={offline()} />
          <div class="azioni azioni-allegato">
            <Show when={immagine()}>
              <Pulsante piccolo onClick={() => void mostra()} disabilitato={inCorso()} espanso={!!anteprima()}
                etichetta={s.apriCosa(anteprima() ? s.nascondi : s.mostra, a().nome)}>{anteprima() ? s.nascondi : s.mostra}</Pulsante>
            </Show>
            <Pulsante piccolo onClick={() => void scarica()} inCorso={inCorso()} testoInCorso={s.apertura}
              etichetta={s.apriCosa(s.scarica, a().nome)} testid="scarica-allegato">{s.scarica}</Pulsante>
          </div>
        </Show>
      </div>
      <ErroreModulo messaggio={errore()} />
      <Show when={anteprima()}>
        {(url) => <img class="anteprima-allegato" src={url()} alt={s.anteprima(a().nome)} />}
      </Show>
    </li>
  );
}

function StatoAllegato(props: { caricamento: StatoCaricamento | undefined; offline: boolean }): JSX.Element {
  const stato = (): StatoCaricamento | undefined => props.caricamento;
  return (
    <span class="stato-allegato" role="status" data-testid="stato-allegato">
      <Show when={stato()} fallback={
        <Show when={props.offline}><span class="badge badge-ok" title={s.offlineAiuto}>{s.offline}</span></Show>
      }>
        {(x) => {
          const st = x();
          if (st.fase === 'in_corso') {
            const p = st.totale > 0 ? Math.floor((st.inviati / st.totale) * 100) : 0;
            return <span class="caricamento-allegato">
              <progress max={100} value={p} aria-label={s.caricamento(p)} />{s.caricamento(p)}
            </span>;
          }
          if (st.fase === 'errore') return <span class="badge badge-pericolo" title={st.message}>{s.errore}: {st.message}</span>;
          return <span class="badge badge-attenzione" title={s.inAttesaAiuto}>{s.inAttesa}</span>;
        }}
      </Show>
    </span>
  );
}

/** "Allega un file": the picker, or a file dropped on the button's area. */
export function AggiungiAllegato(props: {
  dove: Destinazione;
  /** What the file is attached to, for the button's accessible name ("Stato di famiglia"). */
  descrizione: string;
  onAggiunto?: (r: AllegatoRegistrato) => void;
  testid?: string;
}): JSX.Element {
  const c = useCartella();
  const servizio = c.allegati;
  const [errore, setErrore] = createSignal<string>();
  const [esito, setEsito] = createSignal<string>();
  const [lavoro, setLavoro] = createSignal<string>();
  const [sopra, setSopra] = createSignal(false);
  let input: HTMLInputElement | undefined;

  const allega = async (files: readonly File[]): Promise<void> => {
    if (!servizio || lavoro()) return;
    setErrore(undefined);
    setEsito(undefined);
    for (const file of files) {
      setLavoro(s.lettura);
      const letto = await leggiFile(servizio, file);
      if (!letto.ok) { setErrore(letto.message); break; }
      setLavoro(s.cifratura);
      const r = await servizio.allega(c.aperta.id, props.dove, { nome: file.name, bytes: letto.bytes }, c.ctx());
      if (!r.ok) { setErrore(r.message); break; }
      setEsito(r.value.acquisito ? s.aggiuntoAcquisito(file.name) : s.aggiunto(file.name));
      props.onAggiunto?.(r.value);
    }
    setLavoro(undefined);
    if (input) input.value = '';
  };
  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    setSopra(false);
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length > 0) void allega(files);
  };

  return (
    <Show when={servizio} fallback={<p class="nota">{s.nonDisponibili}</p>}>
      {(srv) => (
        <div class="aggiungi-allegato" classList={{ 'trascina-sopra': sopra() }}
          onDragOver={(e) => { e.preventDefault(); setSopra(true); }} onDragLeave={() => setSopra(false)} onDrop={onDrop}>
          <input type="file" ref={(el) => { input = el; }} class="solo-lettori" tabindex="-1" aria-hidden="true" multiple
            accept={ACCETTA_ALLEGATI} data-testid={props.testid ?? 'file-allegato'}
            onChange={(e) => void allega([...(e.currentTarget.files ?? [])])} />
          <Pulsante piccolo onClick={() => input?.click()} inCorso={!!lavoro()} testoInCorso={lavoro()}
            etichetta={s.allegaA(props.descrizione)} titolo={s.aiuto(dimensione(srv().maxFileBytes))}>{s.allega}</Pulsante>
          <Show when={sopra()}><span class="nota">{s.rilascia}</span></Show>
          <Show when={esito()}><span class="nota esito-allegato" role="status">{esito()}</span></Show>
          <ErroreModulo messaggio={errore()} />
        </div>
      )}
    </Show>
  );
}
