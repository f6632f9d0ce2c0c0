/**
 * @module client/cartella/sezioni/RegistraDocumento
 * Registering a document of the checklist (`registraDocumento`): type, state, date of
 * acquisition or signature, description (required for "altro"), protocol, and — for the
 * deck's "altri documenti" — the phase that requires it; and, optionally, its scan or photo
 * (checked as soon as it is chosen, attached once the document is registered).
 */
import { createSignal, onMount, Show, type JSX } from 'solid-js';
import { dimensione, type FileScelto } from '../../../crdt/allegati';
import {
  ETICHETTE_DOCUMENTO, ETICHETTE_FASE, FASI, giorno, registraDocumento, STATI_DOCUMENTO, TIPI_DOCUMENTO,
  type DocumentoId, type Fase, type StatoDocumento, type TipoDocumento,
} from '../../../crdt/model';
import { t } from '../../strings';
import { ACCETTA_ALLEGATI, leggiFile } from '../Allegati';
import {
  Campo, CampoData, CampoTesto, createModulo, ErroreModulo, facoltativo, isoDi, oggiTesto, problemaData, Pulsante, richiesto, Selezione,
} from '../../ui';
import { useCartella } from '../contesto';

const s = t.cartella.documenti;

export function RegistraDocumento(props: { tipo: TipoDocumento | ''; stato: StatoDocumento; onFine: () => void }): JSX.Element {
  const c = useCartella();
  const [tipo, setTipo] = createSignal<TipoDocumento | ''>(props.tipo);
  const [stato, setStato] = createSignal<StatoDocumento | ''>(props.stato);
  const [data, setData] = createSignal(oggiTesto(c.now()));
  const [descrizione, setDescrizione] = createSignal('');
  const [protocollo, setProtocollo] = createSignal('');
  const [fase, setFase] = createSignal<Fase | ''>('');
  const [file, setFile] = createSignal<FileScelto>();
  const [erroreFile, setErroreFile] = createSignal<string>();
  /** Registered, but its file could not be attached yet: submitting again only attaches. */
  const [registrato, setRegistrato] = createSignal<DocumentoId>();
  let form: HTMLFormElement | undefined;
  let primo: HTMLSelectElement | undefined;
  let campoFile: HTMLInputElement | undefined;

  const scegli = async (scelto: File | undefined): Promise<void> => {
    setFile(undefined);
    setErroreFile(undefined);
    if (!scelto || !c.allegati) return;
    const letto = await leggiFile(c.allegati, scelto);
    const controllo = letto.ok ? c.allegati.controlla({ nome: scelto.name, bytes: letto.bytes }) : letto;
    if (!controllo.ok || !letto.ok) {
      setErroreFile(controllo.ok ? undefined : controllo.message);
      if (campoFile) campoFile.value = '';
      return;
    }
    setFile({ nome: scelto.name, bytes: letto.bytes });
  };
  onMount(() => primo?.focus());

  const m = createModulo<'tipo' | 'data' | 'descrizione'>({
    tipo: () => (tipo() ? undefined : s.errori.tipo),
    data: () => (stato() !== 'mancante' && data().trim() === '' ? s.errori.data : problemaData(data(), { nonFutura: giorno(c.now()) })),
    descrizione: () => (tipo() === 'altro' ? richiesto(descrizione(), s.errori.descrizione) : undefined),
  }, { data_futura: 'data', data_non_valida: 'data' });

  const invia = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    if (erroreFile()) {
      campoFile?.focus();
      return;
    }
    const r = registrato() ?? await m.invia(form, () => c.esegui((x, ctx) => registraDocumento(x, {
      tipo: tipo() as TipoDocumento, stato: (stato() || 'acquisito') as StatoDocumento,
      ...(isoDi(data()) ? { data: isoDi(data()) } : {}),
      ...(descrizione().trim() ? { descrizione: descrizione().trim() } : {}),
      ...(protocollo().trim() ? { protocollo: protocollo().trim() } : {}),
      ...(fase() ? { fase: fase() as Fase } : {}),
    }, ctx)));
    if (r === undefined) return;
    setRegistrato(r);
    const f = file();
    if (f && c.allegati) {
      const allegato = await c.allegati.allega(c.aperta.id, { documento: r }, f, c.ctx());
      if (!allegato.ok) {
        setErroreFile(allegato.message);
        return;
      }
    }
    props.onFine();
  };

  return (
    <form ref={form} class="modulo scheda registra-documento" noValidate onSubmit={(e) => void invia(e)} aria-labelledby="titolo-registra-doc">
      <h3 id="titolo-registra-doc">{s.registraTitolo}</h3>
      <div class="griglia-campi">
        <Selezione id="doc-tipo" etichetta={s.tipo} obbligatorio valore={tipo()} vuota={t.cartella.comune.scegli} onCambia={setTipo}
          opzioni={TIPI_DOCUMENTO.map((x) => ({ valore: x, etichetta: ETICHETTE_DOCUMENTO[x] }))} errore={m.errore('tipo')}
          ref={(el) => { primo = el; }} />
        <Selezione id="doc-stato" etichetta={s.stato} obbligatorio valore={stato()} onCambia={setStato}
          opzioni={STATI_DOCUMENTO.map((x) => ({ valore: x, etichetta: t.cartella.etichette.statiDocumento[x] ?? x }))} />
        <CampoData id="doc-data" etichetta={s.data} obbligatorio={stato() !== 'mancante'} now={c.now} valore={data()} onInput={setData}
          onBlur={() => m.tocca('data')} errore={m.errore('data')} />
        <CampoTesto id="doc-descrizione" etichetta={tipo() === 'altro' ? s.descrizione : facoltativo(s.descrizione)} obbligatorio={tipo() === 'altro'}
          valore={descrizione()} onInput={setDescrizione} maxLength={200} onBlur={() => m.tocca('descrizione')} errore={m.errore('descrizione')} />
        <CampoTesto id="doc-protocollo" etichetta={facoltativo(s.protocollo)} valore={protocollo()} onInput={setProtocollo} maxLength={32} />
        <Selezione id="doc-fase" etichetta={facoltativo(s.fase)} valore={fase()} vuota={s.nessunaFase} onCambia={setFase}
          opzioni={FASI.map((f) => ({ valore: f, etichetta: ETICHETTE_FASE[f] }))} />
        <Show when={c.allegati}>
          {(servizio) => (
            <Campo id="doc-file" etichetta={t.allegati.file} classe="campo-largo" errore={erroreFile()}
              aiuto={file() ? t.allegati.scelto(file()?.nome ?? '', dimensione(file()?.bytes.length ?? 0)) : t.allegati.fileAiuto(dimensione(servizio().maxFileBytes))}>
              {(a) => (
                <input {...a} type="file" accept={ACCETTA_ALLEGATI} ref={(el) => { campoFile = el; }}
                  onChange={(ev) => void scegli(ev.currentTarget.files?.[0])} />
              )}
            </Campo>
          )}
        </Show>
      </div>
      <ErroreModulo messaggio={m.erroreGenerale()} />
      <div class="azioni">
        <Pulsante tipo="submit" variante="primario" inCorso={m.inCorso()}>{s.registra}</Pulsante>
        <Pulsante onClick={props.onFine}>{t.cartella.comune.annulla}</Pulsante>
      </div>
    </form>
  );
}
