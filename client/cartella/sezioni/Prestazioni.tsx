/**
 * @module client/cartella/sezioni/Prestazioni
 * The benefits granted (prestazioni) with the attributes the SIUSS flow needs, shown in the
 * procedimento they follow from. Each row says whether its SIUSS record is complete or which
 * data are missing and where to fill them in (`recordSiuss`): nothing is invented at export.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { recordSiuss, registraPrestazione, type PrestazioneInput } from '../../../crdt/model';
import { t } from '../../strings';
import { dataBreve, ModuloSemplice, Pulsante, type ValoriModulo } from '../../ui';
import { useCartella } from '../contesto';

const s = t.cartella.prestazioni;
const euro = (n: number): string => `${n.toLocaleString('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;

/** The form's values as the model's input: only what was filled in. */
function input(v: ValoriModulo): PrestazioneInput {
  const testo = (k: string): string => String(v[k] ?? '');
  const facoltativo = <K extends keyof PrestazioneInput>(k: K): Partial<PrestazioneInput> =>
    (v[k] === undefined ? {} : { [k]: v[k] } as Partial<PrestazioneInput>);
  return {
    codicePrestazione: testo('codicePrestazione').toUpperCase(),
    denominazione: testo('denominazione'),
    protocolloDomanda: testo('protocolloDomanda'),
    presenzaProvaMezzi: testo('presenzaProvaMezzi') as PrestazioneInput['presenzaProvaMezzi'],
    ...facoltativo('carattere'), ...facoltativo('dataEvento'), ...facoltativo('dataInizio'), ...facoltativo('dataFine'),
    ...facoltativo('dataErogazione'), ...facoltativo('importo'), ...facoltativo('importoMensile'),
    ...facoltativo('periodoErogazione'), ...facoltativo('quotaEnte'), ...facoltativo('quotaUtente'),
  };
}

export function Prestazioni(): JSX.Element {
  const c = useCartella();
  const [nuova, setNuova] = createSignal(false);
  const admin = (): ReturnType<typeof c.vista>['admin'] => c.vista().admin;
  const scrivibile = (): boolean => !c.chiusa() && !!c.io();
  const importo = { tipo: 'numero', minimo: 0, massimo: 10_000_000, erroreNumero: s.importoErrato } as const;
  return (
    <section class="scheda prestazioni" aria-labelledby="titolo-prestazioni" data-testid="prestazioni">
      <div class="testa-sezione">
        <h3 id="titolo-prestazioni">{s.titolo}</h3>
        <Show when={scrivibile() && !nuova()}><Pulsante onClick={() => setNuova(true)}>{s.registra}</Pulsante></Show>
      </div>
      <p class="nota">{s.aiuto}</p>
      <Show when={nuova()}>
        <ModuloSemplice id="prestazione" titolo={s.registra} invio={s.crea} now={c.now} annulla={() => setNuova(false)}
          onFatto={() => setNuova(false)}
          campiDegliErrori={{ date_incoerenti: 'dataFine', isee_mancante: 'presenzaProvaMezzi' }}
          campi={[
            { chiave: 'codicePrestazione', etichetta: s.codice, tipo: 'testo', obbligatorio: true, max: 10, aiuto: s.codiceAiuto },
            { chiave: 'denominazione', etichetta: s.denominazione, tipo: 'testo', obbligatorio: true, max: 200, largo: true },
            { chiave: 'protocolloDomanda', etichetta: s.protocollo, tipo: 'testo', obbligatorio: true, max: 32 },
            { chiave: 'presenzaProvaMezzi', etichetta: s.provaMezzi, tipo: 'scelta', obbligatorio: true,
              opzioni: Object.entries(s.provaMezziOpzioni).map(([valore, etichetta]) => ({ valore, etichetta })) },
            { chiave: 'carattere', etichetta: s.carattere, tipo: 'scelta',
              opzioni: Object.entries(s.carattereOpzioni).map(([valore, etichetta]) => ({ valore, etichetta })) },
            { chiave: 'dataEvento', etichetta: s.dataEvento, tipo: 'data' },
            { chiave: 'dataInizio', etichetta: s.dataInizio, tipo: 'data', nonFutura: false },
            { chiave: 'dataFine', etichetta: s.dataFine, tipo: 'data', nonFutura: false },
            { chiave: 'dataErogazione', etichetta: s.dataErogazione, tipo: 'data' },
            { chiave: 'importo', etichetta: s.importo, ...importo },
            { chiave: 'importoMensile', etichetta: s.importoMensile, ...importo },
            { chiave: 'periodoErogazione', etichetta: s.periodo, tipo: 'numero', minimo: 1, massimo: 12, intero: true, erroreNumero: s.periodoErrato },
            { chiave: 'quotaEnte', etichetta: s.quotaEnte, ...importo },
            { chiave: 'quotaUtente', etichetta: s.quotaUtente, ...importo },
          ]}
          onInvia={(v) => c.esegui((x, ctx) => registraPrestazione(x, input(v), ctx))} />
      </Show>
      <Show when={admin().prestazioni.length > 0} fallback={<p class="vuoto">{s.vuoto}</p>}>
        <table>
          <thead>
            <tr>
              <th scope="col">{s.colonne.prestazione}</th><th scope="col">{s.colonne.periodo}</th>
              <th scope="col">{s.colonne.importo}</th><th scope="col">{s.colonne.siuss}</th>
            </tr>
          </thead>
          <tbody>
            <For each={admin().prestazioni}>
              {(p) => {
                const mancanti = (): readonly string[] => recordSiuss(admin(), p).mancanti;
                const periodo = (): string => [
                  p.dataInizio ? s.dal(dataBreve(p.dataInizio)) : '', p.dataFine ? s.al(dataBreve(p.dataFine)) : '',
                  !p.dataInizio && p.dataErogazione ? s.il(dataBreve(p.dataErogazione)) : '',
                ].filter(Boolean).join(' ') || t.cartella.comune.nessuno;
                return (
                  <tr data-testid="riga-prestazione">
                    <th scope="row"><span class="codice">{p.codicePrestazione}</span> {p.denominazione}</th>
                    <td>{periodo()}</td>
                    <td class="importo">{p.importo !== undefined ? euro(p.importo) : p.importoMensile !== undefined ? `${euro(p.importoMensile)}/mese` : t.cartella.comune.nessuno}</td>
                    <td>
                      <Show when={mancanti().length > 0} fallback={<span class="badge badge-ok">{s.completa}</span>}>
                        <p class="siuss-mancanti" data-testid="siuss-mancanti">
                          {s.mancano(mancanti().map((m) => s.campiSiuss[m] ?? m).join(', '))}
                        </p>
                      </Show>
                    </td>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
