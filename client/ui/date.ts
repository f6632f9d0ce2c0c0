/**
 * @module client/ui/date
 * Calendar dates as an Italian reads and types them (gg/mm/aaaa), turned into the model's
 * ISO days ('YYYY-MM-DD') and back. Validity is the model's own (`comeData`): 31/02 or
 * 29/02 of a common year are refused, never silently moved to another day.
 */
import { comeData, giorno, type DataIso } from '../../crdt/model';
import { t } from '../strings';

const s = t.cartella.date;

/** What a typed date is: nothing, a real day, or a reason it is not one. */
export type DataLetta =
  | { readonly tipo: 'vuota' }
  | { readonly tipo: 'valida'; readonly iso: DataIso }
  | { readonly tipo: 'errata'; readonly messaggio: string };

const FORME = [
  /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/,
  /^(\d{2})(\d{2})(\d{4})$/,
];

/** Reads "5/3/2025", "05.03.2025", "05032025" or an ISO day; refuses days that do not exist. */
export function leggiData(testo: string): DataLetta {
  const x = testo.trim();
  if (x === '') return { tipo: 'vuota' };
  const iso = comeData(x);
  if (iso) return { tipo: 'valida', iso };
  for (const forma of FORME) {
    const m = forma.exec(x);
    if (!m) continue;
    const [g, me, a] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (me < 1 || me > 12) return { tipo: 'errata', messaggio: s.meseInesistente(me) };
    const candidata = `${String(a).padStart(4, '0')}-${String(me).padStart(2, '0')}-${String(g).padStart(2, '0')}`;
    const valida = comeData(candidata);
    if (valida) return { tipo: 'valida', iso: valida };
    if (a < 1900 || a > 2199) return { tipo: 'errata', messaggio: s.annoFuoriIntervallo };
    return { tipo: 'errata', messaggio: s.giornoInesistente(`${String(g).padStart(2, '0')}/${String(me).padStart(2, '0')}/${a}`) };
  }
  return { tipo: 'errata', messaggio: s.forma };
}

/** "05/03/2025" from an ISO day (or '' when absent). */
export function dataBreve(iso: string | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

const LUNGA = new Intl.DateTimeFormat('it-IT', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** "5 marzo 2025" from an ISO day. */
export function dataLunga(iso: string | undefined): string {
  if (!iso || !comeData(iso)) return iso ?? '';
  return LUNGA.format(new Date(`${iso}T00:00:00Z`));
}

/** Rewrites ISO days inside a model message ("entro il 2025-03-05") as Italian dates. */
export function conDateItaliane(messaggio: string): string {
  return messaggio.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_, a: string, m: string, g: string) => `${g}/${m}/${a}`);
}

/** Today in Italy, as the text a date field starts with. */
export function oggiTesto(now: Date): string {
  return dataBreve(giorno(now));
}

/**
 * The message for a date field, or undefined when acceptable: required, a real day, and
 * (when `nonFutura`) not after `oggi`.
 */
export function problemaData(
  testo: string, opzioni: { readonly obbligatoria?: boolean; readonly nonFutura?: DataIso } = {},
): string | undefined {
  const d = leggiData(testo);
  if (d.tipo === 'vuota') return opzioni.obbligatoria ? s.obbligatoria : undefined;
  if (d.tipo === 'errata') return d.messaggio;
  if (opzioni.nonFutura && d.iso > opzioni.nonFutura) return s.futura;
  return undefined;
}

/** The ISO day of a typed date that passed {@link problemaData}, or undefined when empty. */
export function isoDi(testo: string): DataIso | undefined {
  const d = leggiData(testo);
  return d.tipo === 'valida' ? d.iso : undefined;
}
