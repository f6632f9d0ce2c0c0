/**
 * @module client/ui/createModulo
 * The state every form of the cartella screens shares: which fields were left (their
 * errors show from then on), whether a submit was tried (all errors show), the refusal of
 * the model's operation — placed next to its field when the code says which one, otherwise
 * above the buttons — and a "saving" flag. The rules are the form's own closures; the
 * model re-checks everything, and a refusal writes nothing (operations are atomic).
 */
import { batch, createSignal, type Accessor } from 'solid-js';
import type { CodiceErrore, Errore, Risultato } from '../../crdt/model';
import { conDateItaliane } from './date';

export type Regole<K extends string> = { readonly [P in K]?: () => string | undefined };

export interface Modulo<K extends string> {
  /** The message to show next to field `k`, if any. */
  errore(k: K): string | undefined;
  /** The field was left: from now on its error shows. */
  tocca(k: K): void;
  /** The field's value changed (call on input): a refusal of the model about it goes away. */
  modifica(k: K): void;
  /** The model's refusal that belongs to no field. */
  erroreGenerale: Accessor<string | undefined>;
  inCorso: Accessor<boolean>;
  /**
   * Checks every rule; if one fails, focuses the first invalid control in `form` and gives
   * false. Otherwise runs `salva` and shows its refusal where it belongs; gives whether it
   * succeeded.
   */
  invia<T>(form: HTMLFormElement | undefined, salva: () => Risultato<T> | Promise<Risultato<T>>): Promise<T | undefined>;
  /** The same as {@link invia} for an operation that is synchronous, giving its value at once. */
  inviaSubito<T>(form: HTMLFormElement | undefined, salva: () => Risultato<T>): T | undefined;
  /** Forgets touched fields, the submit and every error (after a success that keeps the form). */
  azzera(): void;
}

/**
 * @param regole one check per field
 * @param campiDegliErrori which field a model error code belongs to (e.g. `codice_fiscale_non_valido` → `cf`)
 */
export function createModulo<K extends string>(
  regole: Regole<K>, campiDegliErrori: Partial<Record<CodiceErrore, K>> | ((e: Errore) => K | undefined) = {},
): Modulo<K> {
  const campoDi = (e: Errore): K | undefined =>
    (typeof campiDegliErrori === 'function' ? campiDegliErrori(e) : campiDegliErrori[e.code]);
  const [toccati, setToccati] = createSignal<ReadonlySet<K>>(new Set());
  const [inviato, setInviato] = createSignal(false);
  const [rifiuto, setRifiuto] = createSignal<{ campo?: K; messaggio: string } | undefined>();
  const [inCorso, setInCorso] = createSignal(false);

  const errore = (k: K): string | undefined => {
    const r = rifiuto();
    if (r?.campo === k) return r.messaggio;
    return inviato() || toccati().has(k) ? regole[k]?.() : undefined;
  };
  const primoInvalido = (form: HTMLFormElement | undefined): void => {
    queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  };

  const controlla = (form: HTMLFormElement | undefined): boolean => {
    batch(() => { setInviato(true); setRifiuto(undefined); });
    const campi = Object.keys(regole) as K[];
    if (campi.some((k) => regole[k]?.() !== undefined)) {
      primoInvalido(form);
      return false;
    }
    return true;
  };
  const esito = <T>(form: HTMLFormElement | undefined, r: Risultato<T>): T | undefined => {
    if (r.ok) return r.value;
    const campo = campoDi(r);
    setRifiuto(campo ? { campo, messaggio: conDateItaliane(r.message) } : { messaggio: conDateItaliane(r.message) });
    if (campo) primoInvalido(form);
    return undefined;
  };

  return {
    errore,
    tocca: (k) => setToccati((s) => (s.has(k) ? s : new Set([...s, k]))),
    modifica: (k) => {
      // A refusal placed on this field was about the old value: the rule judges the new one.
      // Cleared while typing, never on leaving the field (that would move the button under the pointer).
      if (rifiuto()?.campo === k) setRifiuto(undefined);
    },
    erroreGenerale: () => {
      const r = rifiuto();
      return r && r.campo === undefined ? r.messaggio : undefined;
    },
    inCorso,
    async invia(form, salva) {
      if (inCorso() || !controlla(form)) return undefined;
      setInCorso(true);
      try {
        return esito(form, await salva());
      } finally {
        setInCorso(false);
      }
    },
    inviaSubito(form, salva) {
      if (inCorso() || !controlla(form)) return undefined;
      return esito(form, salva());
    },
    azzera: () => batch(() => { setToccati(new Set<K>()); setInviato(false); setRifiuto(undefined); }),
  };
}

/** Required text: the message when blank. */
export function richiesto(valore: string, messaggio: string): string | undefined {
  return valore.trim() === '' ? messaggio : undefined;
}
