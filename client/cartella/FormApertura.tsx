/**
 * @module client/cartella/FormApertura
 * The presa in carico: iniziativa (d'ufficio | istanza with protocol number and date of
 * receipt | richiesta from another public body), date, ISTAT area, responsible social
 * worker, term of the procedure. After a segretariato it is its outcome
 * (`concludiSegretariato`), otherwise `apriCartella`; either way one atomic operation.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import {
  AREE, apriCartella, concludiSegretariato, ETICHETTE_AREA, giorno, INIZIATIVE, RUOLI_DECISIONALI,
  TERMINE_PREDEFINITO_GIORNI, type ApriCartellaInput, type AreaUtenza, type Iniziativa,
} from '../../crdt/model';
import { t } from '../strings';
import {
  CampoData, CampoTesto, createModulo, ErroreModulo, isoDi, oggiTesto, problemaData, Pulsante, richiesto, Scelta, Selezione,
} from '../ui';
import { useCartella } from './contesto';

const s = t.cartella.apertura;
type Campi = 'iniziativa' | 'protocollo' | 'dataRicezione' | 'ente' | 'data' | 'area' | 'responsabile' | 'termine';

export function FormApertura(props: { onAperta: () => void }): JSX.Element {
  const c = useCartella();
  const oggi = (): ReturnType<typeof giorno> => giorno(c.now());
  const [iniziativa, setIniziativa] = createSignal<Iniziativa | ''>('');
  const [protocollo, setProtocollo] = createSignal('');
  const [ricezione, setRicezione] = createSignal('');
  const [ente, setEnte] = createSignal('');
  const [data, setData] = createSignal(oggiTesto(c.now()));
  const [area, setArea] = createSignal<AreaUtenza | ''>('');
  const [responsabile, setResponsabile] = createSignal<string>(c.decisionale() ? c.ctx().autore : '');
  const [termine, setTermine] = createSignal(String(TERMINE_PREDEFINITO_GIORNI));
  let form: HTMLFormElement | undefined;

  const responsabili = (): { valore: string; etichetta: string }[] =>
    c.vista().admin.membri.filter((m) => !m.revocatoIl && RUOLI_DECISIONALI.includes(m.ruolo))
      .map((m) => ({ valore: m.chiave, etichetta: m.nome }));

  const m = createModulo<Campi>({
    iniziativa: () => (iniziativa() ? undefined : s.errori.iniziativa),
    protocollo: () => (iniziativa() === 'istanza' ? richiesto(protocollo(), s.errori.protocollo) : undefined),
    dataRicezione: () => (iniziativa() === 'istanza' && ricezione().trim() === '' ? s.errori.dataRicezione
      : iniziativa() !== 'ufficio' ? problemaData(ricezione(), { nonFutura: oggi() }) : undefined),
    ente: () => (iniziativa() === 'richiesta' ? richiesto(ente(), s.errori.ente) : undefined),
    data: () => problemaData(data(), { obbligatoria: true, nonFutura: oggi() }),
    area: () => (area() ? undefined : s.errori.area),
    responsabile: () => (responsabile() ? undefined : s.errori.responsabile),
    termine: () => (/^\d{1,3}$/.test(termine().trim()) && Number(termine()) >= 1 && Number(termine()) <= 180 ? undefined : s.errori.termine),
  }, {
    iniziativa_mancante: 'iniziativa', protocollo_mancante: 'protocollo', ente_richiedente_mancante: 'ente',
    area_mancante: 'area', responsabile_non_valido: 'responsabile', termine_non_valido: 'termine',
    data_futura: 'data', date_incoerenti: 'data',
  });

  const invia = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const fatto = await m.invia(form, () => {
      const tipo = iniziativa() as Iniziativa;
      const ric = isoDi(ricezione());
      const apertura: ApriCartellaInput = {
        iniziativa: tipo, data: isoDi(data()) ?? '', area: area() as AreaUtenza, responsabile: responsabile(),
        termineGiorni: Number(termine()),
        ...(tipo === 'istanza' ? { protocollo: protocollo().trim() } : {}),
        ...(tipo !== 'ufficio' && ric ? { dataRicezione: ric } : {}),
        ...(tipo === 'richiesta' ? { ente: ente().trim() } : {}),
      };
      return c.vista().stato === 'accesso'
        ? c.esegui((x, ctx) => concludiSegretariato(x, { esito: 'presa_in_carico', apertura }, ctx))
        : c.esegui((x, ctx) => apriCartella(x, apertura, ctx));
    });
    if (fatto !== undefined) props.onAperta();
  };

  return (
    <form ref={form} class="modulo form-apertura" noValidate onSubmit={(e) => void invia(e)} aria-label={s.titolo}>
      <Scelta nome="iniziativa" legenda={s.iniziativa} obbligatorio valore={iniziativa()} errore={m.errore('iniziativa')}
        opzioni={INIZIATIVE.map((v) => ({ valore: v, etichetta: s.iniziative[v] ?? v, aiuto: s.iniziativeAiuto[v] }))}
        onCambia={setIniziativa} />
      <div class="griglia-campi">
        <Show when={iniziativa() === 'istanza'}>
          <CampoTesto id="apertura-protocollo" etichetta={s.protocollo} obbligatorio valore={protocollo()} maxLength={32}
            onInput={setProtocollo} onBlur={() => m.tocca('protocollo')} errore={m.errore('protocollo')} />
        </Show>
        <Show when={iniziativa() === 'richiesta'}>
          <CampoTesto id="apertura-ente" etichetta={s.ente} obbligatorio valore={ente()} maxLength={200}
            onInput={setEnte} onBlur={() => m.tocca('ente')} errore={m.errore('ente')} />
        </Show>
        <Show when={iniziativa() === 'istanza' || iniziativa() === 'richiesta'}>
          <CampoData id="apertura-ricezione" etichetta={s.dataRicezione} obbligatorio={iniziativa() === 'istanza'} now={c.now}
            valore={ricezione()} onInput={setRicezione} onBlur={() => m.tocca('dataRicezione')} errore={m.errore('dataRicezione')} />
        </Show>
        <CampoData id="apertura-data" etichetta={s.data} obbligatorio now={c.now} valore={data()} onInput={setData}
          onBlur={() => m.tocca('data')} errore={m.errore('data')} />
        <Selezione id="apertura-area" etichetta={s.area} obbligatorio valore={area()} vuota={t.cartella.comune.scegli}
          opzioni={AREE.map((a) => ({ valore: a, etichetta: ETICHETTE_AREA[a] }))} onCambia={setArea} errore={m.errore('area')} />
        <Selezione id="apertura-responsabile" etichetta={s.responsabile} obbligatorio valore={responsabile()}
          vuota={t.cartella.comune.scegli} opzioni={responsabili()} onCambia={setResponsabile} errore={m.errore('responsabile')} />
        <CampoTesto id="apertura-termine" etichetta={s.termine} aiuto={s.termineAiuto} valore={termine()} maxLength={3}
          onInput={setTermine} onBlur={() => m.tocca('termine')} errore={m.errore('termine')} />
      </div>
      <ErroreModulo messaggio={m.erroreGenerale()} />
      <div class="azioni">
        <Pulsante tipo="submit" variante="primario" inCorso={m.inCorso()} testoInCorso={t.cartella.comune.salvataggio}>{s.apri}</Pulsante>
      </div>
    </form>
  );
}
