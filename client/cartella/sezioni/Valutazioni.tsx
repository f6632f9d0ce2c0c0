/**
 * @module client/cartella/sezioni/Valutazioni
 * Assessment notes: valutazione del bisogno, intermedia, finale — each dated and written in
 * the shared editor right after it is created.
 */
import type { JSX } from 'solid-js';
import { registraValutazione } from '../../../crdt/model';
import { t } from '../../strings';
import { dataBreve, dataLunga, ModuloSemplice, oggiTesto } from '../../ui';
import { useCartella } from '../contesto';
import { SezioneScritti } from './SezioneScritti';

const s = t.cartella.valutazione;
const TIPI = ['bisogno', 'intermedia', 'finale'] as const;

export function Valutazioni(props: { elemento?: string | undefined }): JSX.Element {
  const c = useCartella();
  const tipi = t.cartella.etichette.tipiValutazione;
  return (
    <SezioneScritti lista="valutazione" classe="valutazioni" testi={{ ...s, nuovo: s.nuova }}
      elementi={() => c.vista().prof?.valutazioni ?? []} elemento={props.elemento}
      titoloDi={(v) => `${tipi[v.tipo]} — ${dataLunga(v.data)}`} sottotitoloDi={(v) => c.nomeDi(v.autore)}
      etichettaEditor={(v) => s.editor(tipi[v.tipo] ?? '', dataBreve(v.data))}
      modulo={(creato, annulla) => (
        <ModuloSemplice id="valutazione" titolo={s.nuova} invio={s.crea} now={c.now} annulla={annulla}
          campiDegliErrori={{ data_futura: 'data' }}
          campi={[
            { chiave: 'tipo', etichetta: s.tipo, tipo: 'scelta', obbligatorio: true, opzioni: TIPI.map((x) => ({ valore: x, etichetta: tipi[x] ?? x })) },
            { chiave: 'data', etichetta: s.data, tipo: 'data', obbligatorio: true, iniziale: oggiTesto(c.now()) },
          ]}
          onInvia={(v) => {
            const r = c.esegui((x, ctx) => registraValutazione(x, { tipo: v['tipo'] as (typeof TIPI)[number], data: String(v['data']) }, ctx));
            if (r.ok) creato(r.value);
            return r;
          }} />
      )} />
  );
}
