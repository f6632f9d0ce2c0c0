/**
 * @module members
 * The roster: which public keys belong to the cartella's équipe, with name and role.
 * Members are never deleted; revocation records a date, who revoked and why (the keys are
 * rotated by the crypto layer, which is what actually removes access). The model does not
 * verify signatures: it records who wrote what, and refuses authors not on the roster
 * (crdt/history checks the signatures). Hand-overs: members-consegna.ts.
 */
import { sezioneAdmin, type Cartella, type Contesto } from './cartella';
import { comeData, giorno } from './date';
import { autorizza, controllaConflitto, membroAttivo } from './guardie';
import { comeAuthorKey, type AuthorKey } from './ids';
import { esegui } from './operazione';
import { scriviCampo } from './registro';
import { datiMembro } from './members-consegna';
import { errore, type Risultato } from './risultato';
import { p, validaInput } from './schema';
import { soloDefiniti } from './valida';
import { leggiAdmin, type Membro } from './vista-admin';
import { RUOLI, RUOLI_DECISIONALI, type Ruolo } from './vocabolario';

/** Input of {@link aggiungiMembro}. */
export interface AggiungiMembroInput {
  readonly chiave: string;
  readonly nome: string;
  readonly ruolo: Ruolo;
}

/** Adds (or re-admits) a member to the roster. Allowed to social workers and the responsabile. */
export function aggiungiMembro(c: Cartella, input: AggiungiMembroInput, ctx: Contesto): Risultato<AuthorKey> {
  const { vista, registri } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx, { ruoli: RUOLI_DECISIONALI, ammessaChiusa: true });
  if (e) return e;
  const v = validaInput({ chiave: p.chiave, nome: p.testo(1, 100), ruolo: p.uno(RUOLI) }, {}, input,
    { chiave: 'chiave pubblica', nome: 'nome', ruolo: 'ruolo' });
  if (!v.ok) return v;
  const chiave = v.value.chiave;
  if (membroAttivo(vista, { autore: chiave, now: ctx.now })) {
    return errore('membro_gia_presente', 'Questa persona fa già parte della cartella.');
  }
  const cf = controllaConflitto(registri, 'members', chiave, 'membro');
  if (cf) return cf;
  // A re-admitted member keeps the X25519 key of their device; the old hand-over stays in the history.
  const chiaveBox = vista.membri.find((m) => m.chiave === chiave)?.chiaveBox;
  return esegui(c.admin, 'aggiungiMembro', ctx, () => {
    scriviCampo(sezioneAdmin(c.admin, 'members'), registri.members.get(chiave), chiave,
      soloDefiniti({ nome: v.value.nome, ruolo: v.value.ruolo, aggiuntoIl: giorno(ctx.now), chiaveBox }), ctx);
    return chiave;
  });
}

/** Input of {@link revocaMembro}. */
export interface RevocaMembroInput {
  readonly chiave: string;
  /** From when; today when omitted. */
  readonly data?: string;
  /**
   * Why the member is removed. Optional in the model for the callers written before the
   * hand-over log; the UI asks for it (docs/MODEL.md).
   */
  readonly motivo?: string;
}

/**
 * Records that a member no longer belongs to the équipe of this cartella: from when, who
 * removed them and why. The rest of the entry (hand-over, acceptance, keys) is kept.
 */
export function revocaMembro(c: Cartella, input: RevocaMembroInput, ctx: Contesto): Risultato<AuthorKey> {
  const { vista, registri } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx, { ruoli: RUOLI_DECISIONALI, ammessaChiusa: true });
  if (e) return e;
  const chiave = comeAuthorKey(input.chiave);
  const m = chiave ? vista.membri.find((x) => x.chiave === chiave) : undefined;
  if (!chiave || !m || m.revocatoIl) return errore('membro_inesistente', 'Nessun membro attivo con questa chiave.');
  const data = input.data === undefined ? giorno(ctx.now) : comeData(input.data);
  if (!data) return errore('data_non_valida', 'La data di revoca non è valida.');
  const motivo = input.motivo === undefined ? undefined : p.testo(1, 2000)(input.motivo);
  if (input.motivo !== undefined && motivo === undefined) return errore('valore_non_valido', 'Il motivo della revoca non è valido.');
  const cf = controllaConflitto(registri, 'members', chiave, 'membro');
  if (cf) return cf;
  return esegui(c.admin, 'revocaMembro', ctx, () => {
    scriviCampo(sezioneAdmin(c.admin, 'members'), registri.members.get(chiave), chiave,
      { ...datiMembro(m), revocatoIl: data, revoca: soloDefiniti({ da: ctx.autore, motivo }) }, ctx);
    return chiave;
  });
}

/** The roster as plain data (active and revoked members). */
export function membri(c: Cartella): readonly Membro[] {
  return leggiAdmin(c.admin).vista.membri;
}
