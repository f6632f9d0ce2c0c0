/**
 * @module client/cartella/sezioni/RegistraDocumento
 * Registering a document of the checklist (`registraDocumento`): type, state, date of
 * acquisition or signature, description (required for "altro"), protocol, and — for the
 * deck's "altri documenti" — the phase that requires it.
 */
import { createSignal, onMount, type JSX } from 'solid-js';
import {
  ETICHETTE_DOCUMENTO, ETICHETTE_FASE, FASI, giorno, registraDocumento, STATI_DOCUMENTO, TIPI_DOCUMENTO,
  type Fase, type StatoDocumento, type TipoDocumento,
} from '../../../crdt/model';
import { t } from '../../strings';
import {
  CampoData, CampoTesto, createModulo, ErroreModulo, facoltativo, isoDi, oggiTesto, problemaData, Pulsante, richiesto, Selezione,
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
  let form: HTMLFormElement | undefined;
  let primo: HTMLSelectElement | undefined;
  onMount(() => primo?.focus());

  const m = createModulo<'tipo' | 'data' | 'descrizione'>({
    tipo: () => (tipo() ? undefined : s.errori.tipo),
    data: () => (stato() !== 'mancante' && data().trim() === '' ? s.errori.data : problemaData(data(), { nonFutura: giorno(c.now()) })),
    descrizione: () => (tipo() === 'altro' ? richiesto(descrizione(), s.errori.descrizione) : undefined),
  }, { data_futura: 'data', data_non_valida: 'data' });

  const invia = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const r = await m.invia(form, () => c.esegui((x, ctx) => registraDocumento(x, {
      tipo: tipo() as TipoDocumento, stato: (stato() || 'acquisito') as StatoDocumento,
      ...(isoDi(data()) ? { data: isoDi(data()) } : {}),
      ...(descrizione().trim() ? { descrizione: descrizione().trim() } : {}),
      ...(protocollo().trim() ? { protocollo: protocollo().trim() } : {}),
      ...(fase() ? { fase: fase() as Fase } : {}),
    }, ctx)));
    if (r !== undefined) props.onFine();
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
      </div>
      <ErroreModulo messaggio={m.erroreGenerale()} />
      <div class="azioni">
        <Pulsante tipo="submit" variante="primario" inCorso={m.inCorso()}>{s.registra}</Pulsante>
        <Pulsante onClick={props.onFine}>{t.cartella.comune.annulla}</Pulsante>
      </div>
    </form>
  );
}
