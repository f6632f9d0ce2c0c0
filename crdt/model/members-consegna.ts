/**
 * @module members-consegna
 * The hand-over of a cartella (DOMAIN.md: "Hand-over records consent or a justified
 * override, and the receiver's acceptance"). Handing over is giving keys — équipe roles get
 * the admin and prof keys, administrative staff the admin key only; the crypto layer moves
 * the keys, the model records the fact on the receiver's roster entry: who gave which keys,
 * on which day, whether the person consented to sharing (if not, why). The receiver's own
 * device then records the acceptance, with the X25519 key colleagues seal keys to.
 * Every record is a write of the member's register, so its history is the hand-over log
 * (members-storia.ts) and concurrent changes to one member are a visible conflict.
 */
import { sezioneAdmin, type Cartella, type Contesto } from './cartella';
import { comeData, giorno, type DataIso } from './date';
import { autorizza, controllaConflitto, membroAttivo } from './guardie';
import type { AuthorKey } from './ids';
import { comeChiaveBox, comeChiaveFirma, livelloChiavi, type ChiaveBox } from './members-chiavi';
import { esegui } from './operazione';
import { scriviCampo } from './registro';
import { errore, type Errore, type Risultato } from './risultato';
import { p, validaInput } from './schema';
import type { MembroDati } from './schema-elementi';
import { soloDefiniti } from './valida';
import { leggiAdmin, type Membro } from './vista-admin';
import { RUOLI, RUOLI_DECISIONALI, type Ruolo } from './vocabolario';

/** Input of {@link registraConsegna}. */
export interface ConsegnaInput {
  /** The receiver's Ed25519 public key (base64url): their id on the roster. */
  readonly chiave: string;
  /** The receiver's X25519 public key, when the giver sealed the keys to it. */
  readonly chiaveBox?: string;
  readonly nome: string;
  readonly ruolo: Ruolo;
  /** The assisted person consented to sharing the cartella with the receiver. */
  readonly consenso: boolean;
  /** Required when `consenso` is false: why the hand-over happens anyway. */
  readonly motivo?: string;
  /** Day of the hand-over; today when omitted. */
  readonly data?: string;
}

/** The stored fields of a member (the view adds `chiave` and `aggiuntoDa`). */
export function datiMembro(m: Membro): MembroDati {
  const { chiave: _chiave, aggiuntoDa: _da, ...dati } = m;
  return dati;
}

function giornoInput(v: string | undefined, now: Date, nome: string): DataIso | Errore {
  const oggi = giorno(now);
  if (v === undefined) return oggi;
  const d = comeData(v);
  if (!d) return errore('data_non_valida', `La data ${nome} non è valida.`);
  if (d > oggi) return errore('data_futura', `La data ${nome} è nel futuro.`);
  return d;
}

const eErrore = (x: unknown): x is Errore => typeof x === 'object' && x !== null && 'ok' in x;
/** The same 32 bytes offered as signing and as encryption key: a sign of a mix-up. */
const stessaChiave = (box: ChiaveBox | undefined, firma: AuthorKey): boolean => (box as string | undefined) === (firma as string);

/**
 * Records that `ctx.autore` handed the cartella's keys to a colleague, who joins the
 * roster (or rejoins it after a revocation). Allowed to social workers and the responsabile,
 * on a closed cartella too (its history must stay readable to whoever takes it over).
 */
export function registraConsegna(c: Cartella, input: ConsegnaInput, ctx: Contesto): Risultato<AuthorKey> {
  const { vista, registri } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx, { ruoli: RUOLI_DECISIONALI, ammessaChiusa: true });
  if (e) return e;
  const v = validaInput(
    { chiave: (x: unknown) => comeChiaveFirma(x), nome: p.testo(1, 100), ruolo: p.uno(RUOLI), consenso: p.vero },
    { chiaveBox: (x: unknown) => comeChiaveBox(x), motivo: p.testo(1, 2000), data: p.testo(1, 20) },
    input,
    { chiave: 'chiave pubblica', chiaveBox: 'chiave di cifratura', nome: 'nome', ruolo: 'ruolo', consenso: 'consenso', motivo: 'motivo', data: 'data' },
  );
  if (!v.ok) return v;
  const { chiave, nome, ruolo, consenso, motivo } = v.value;
  if (!consenso && motivo === undefined) {
    return errore('motivo_consegna_mancante', 'Senza il consenso della persona alla condivisione serve il motivo scritto della consegna.');
  }
  const data = giornoInput(v.value.data, ctx.now, 'della consegna');
  if (eErrore(data)) return data;
  if (stessaChiave(v.value.chiaveBox, chiave)) return errore('valore_non_valido', 'La chiave di cifratura non può essere la chiave di firma.');
  const chiavi = livelloChiavi(ruolo);
  if (chiavi === 'equipe' && !c.prof) {
    return errore('parte_professionale_assente', 'Per consegnare le chiavi di équipe serve la parte professionale su questo dispositivo.');
  }
  if (membroAttivo(vista, { autore: chiave, now: ctx.now })) return errore('membro_gia_presente', 'Questa persona fa già parte della cartella.');
  const attuale = vista.membri.find((m) => m.chiave === chiave);
  const cf = controllaConflitto(registri, 'members', chiave, 'membro');
  if (cf) return cf;
  const chiaveBox: ChiaveBox | undefined = v.value.chiaveBox ?? attuale?.chiaveBox;
  const valore = soloDefiniti({
    nome, ruolo, aggiuntoIl: data, chiaveBox,
    consegna: soloDefiniti({ da: ctx.autore, chiavi, data, consenso, motivo }),
  });
  return esegui(c.admin, 'registraConsegna', ctx, () => {
    scriviCampo(sezioneAdmin(c.admin, 'members'), registri.members.get(chiave), chiave, valore, ctx);
    return chiave;
  });
}

/** Input of {@link accettaConsegna}: written by the receiver's own device. */
export interface AccettazioneInput {
  /** The receiver's Ed25519 key: must be the author of the operation. */
  readonly chiave: string;
  /** The X25519 public key of the receiver's device (authoritative: it is their own). */
  readonly chiaveBox: string;
  /** Day of the acceptance; today when omitted. */
  readonly data?: string;
}

/**
 * Records that the receiver got the keys and accepts the cartella. Only the receiver may
 * do it (`ctx.autore` must be the key the hand-over named); the sync layer signs the
 * change with that key, and the signed history (crdt/history) checks the signature.
 */
export function accettaConsegna(c: Cartella, input: AccettazioneInput, ctx: Contesto): Risultato<AuthorKey> {
  const { vista, registri } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx, { ammessaChiusa: true });
  if (e) return e;
  if (typeof input !== 'object' || input === null) return errore('input_non_valido', 'Dati dell\'accettazione mancanti.');
  if (input.chiave !== ctx.autore) return errore('non_destinatario', 'Solo chi riceve la consegna può accettarla, dal proprio dispositivo.');
  const m = vista.membri.find((x) => x.chiave === ctx.autore);
  if (!m?.consegna) return errore('consegna_inesistente', 'Non risulta alcuna consegna a questa persona.');
  if (m.accettazione) return errore('consegna_gia_accettata', 'La consegna è già stata accettata.');
  const chiaveBox = comeChiaveBox(input.chiaveBox);
  if (!chiaveBox || stessaChiave(chiaveBox, ctx.autore)) return errore('valore_non_valido', 'La chiave di cifratura del dispositivo non è valida.');
  const data = giornoInput(input.data, ctx.now, "dell'accettazione");
  if (eErrore(data)) return data;
  if (data < m.consegna.data) return errore('date_incoerenti', "L'accettazione non può precedere la consegna.");
  const cf = controllaConflitto(registri, 'members', m.chiave, 'membro');
  if (cf) return cf;
  return esegui(c.admin, 'accettaConsegna', ctx, () => {
    scriviCampo(sezioneAdmin(c.admin, 'members'), registri.members.get(m.chiave), m.chiave,
      { ...datiMembro(m), chiaveBox, accettazione: { data } }, ctx);
    return m.chiave;
  });
}

/**
 * Records the X25519 key of the author's own device on their roster entry (the founder,
 * or members added before hand-overs were recorded), so keys can be sealed to them.
 */
export function registraChiaveBox(c: Cartella, input: { readonly chiaveBox: string }, ctx: Contesto): Risultato<AuthorKey> {
  const { vista, registri } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx, { ammessaChiusa: true });
  if (e) return e;
  const chiaveBox = comeChiaveBox((input as { chiaveBox?: unknown } | null)?.chiaveBox);
  if (!chiaveBox || stessaChiave(chiaveBox, ctx.autore)) return errore('valore_non_valido', 'La chiave di cifratura del dispositivo non è valida.');
  const m = vista.membri.find((x) => x.chiave === ctx.autore);
  if (!m) throw new Error('registraChiaveBox: membro attivo assente dal registro');
  const cf = controllaConflitto(registri, 'members', m.chiave, 'membro');
  if (cf) return cf;
  return esegui(c.admin, 'registraChiaveBox', ctx, () => {
    scriviCampo(sezioneAdmin(c.admin, 'members'), registri.members.get(m.chiave), m.chiave, { ...datiMembro(m), chiaveBox }, ctx);
    return m.chiave;
  });
}
