/**
 * @module members-custodia
 * Where a cartella's keys live, seen from one device (DESIGN.md, "Continuity": no case
 * may live on one device only). A pure query over the roster plus one fact the documents
 * cannot know — whether the ente's recovery key is configured on this device, so that keys
 * are also sealed to it — passed in explicitly. A colleague counts as holding a key only
 * when their own device confirmed it: the founder, or a receiver who accepted the
 * hand-over. A hand-over not yet accepted, or a member added before hand-overs were
 * recorded, does not count (the keys may never have arrived).
 */
import type { AuthorKey } from './ids';
import { livelloChiavi, type ChiaveBox, type LivelloChiavi } from './members-chiavi';
import { consegneInAttesa, membriAttivi } from './members-storia';
import type { Membro, VistaAdmin } from './vista-admin';
import type { Gravita } from './vocabolario';

/** What the device knows beyond the documents. */
export interface ContestoCustodia {
  /** This device's member key (its Ed25519 public key). */
  readonly io: AuthorKey;
  /** The ente's recovery public key is configured, so the cartella's keys are sealed to it too. */
  readonly recupero: boolean;
}

/** On how many places the keys of a cartella live, and who holds them besides this device. */
export interface Custodia {
  readonly io: AuthorKey;
  /** This device holds the prof key (its member has an équipe role). */
  readonly ioProf: boolean;
  /** Other active members whose device confirmed holding the admin key (every role holds it). */
  readonly admin: readonly AuthorKey[];
  /** Of those, the équipe members: they hold the prof key too. */
  readonly prof: readonly AuthorKey[];
  /** Receivers of hand-overs not accepted yet. */
  readonly inAttesa: readonly AuthorKey[];
  /** Active members added without a recorded hand-over: where their keys are is unknown. */
  readonly nonConfermati: readonly AuthorKey[];
  readonly recupero: boolean;
  /** Places holding the admin key: this device, the colleagues above, the recovery key. */
  readonly copieAdmin: number;
  /** Places holding the prof key. */
  readonly copieProf: number;
}

const confermato = (m: Membro): boolean => m.aggiuntoDa === m.chiave || m.accettazione !== undefined;

/** The custody of the cartella's keys seen from `ctx.io`; undefined when `io` is not an active member. */
export function custodiaChiavi(v: VistaAdmin, ctx: ContestoCustodia, now: Date): Custodia | undefined {
  const attivi = membriAttivi(v, now);
  const io = attivi.find((m) => m.chiave === ctx.io);
  if (!io) return undefined;
  const altri = attivi.filter((m) => m.chiave !== ctx.io);
  const admin = altri.filter(confermato).map((m) => m.chiave);
  const prof = altri.filter((m) => confermato(m) && livelloChiavi(m.ruolo) === 'equipe').map((m) => m.chiave);
  const ioProf = livelloChiavi(io.ruolo) === 'equipe';
  const recupero = ctx.recupero ? 1 : 0;
  return {
    io: ctx.io,
    ioProf,
    admin,
    prof,
    inAttesa: consegneInAttesa(v, now).map((c) => c.membro).filter((k) => k !== ctx.io),
    nonConfermati: altri.filter((m) => !confermato(m) && !m.consegna).map((m) => m.chiave),
    recupero: ctx.recupero,
    copieAdmin: 1 + admin.length + recupero,
    copieProf: (ioProf ? 1 : 0) + prof.length + recupero,
  };
}

/** A member the cartella's keys should be sealed to (DESIGN.md, "Continuity"). */
export interface DestinatarioChiavi {
  readonly chiave: AuthorKey;
  /** Their X25519 key; absent when not recorded yet (ask them to record it, or to accept). */
  readonly chiaveBox?: ChiaveBox;
  /** Which keys they should hold. */
  readonly chiavi: LivelloChiavi;
}

/** Every active member (but `io`) with the keys to seal to them: équipe both parts, amministrativo the admin part. */
export function destinatariChiavi(v: VistaAdmin, io: AuthorKey, now: Date): readonly DestinatarioChiavi[] {
  return membriAttivi(v, now)
    .filter((m) => m.chiave !== io)
    .map((m) => ({ chiave: m.chiave, ...(m.chiaveBox ? { chiaveBox: m.chiaveBox } : {}), chiavi: livelloChiavi(m.ruolo) }));
}

/** An avviso about keys (the shape of avvisi.ts's `Avviso`). */
export interface AvvisoCustodia {
  readonly codice: 'chiavi_solo_su_questo_dispositivo' | 'chiave_prof_solo_su_questo_dispositivo' | 'consegna_da_accettare';
  readonly gravita: Gravita;
  readonly messaggio: string;
  readonly riferimento?: string;
}

/** The avvisi of {@link custodiaChiavi}: keys on this device only, hand-overs awaiting acceptance. */
export function avvisiCustodia(v: VistaAdmin, ctx: ContestoCustodia, now: Date): readonly AvvisoCustodia[] {
  const c = custodiaChiavi(v, ctx, now);
  if (!c) return [];
  const out: AvvisoCustodia[] = [];
  const attesa = c.inAttesa.length > 0 ? ' Una consegna è in attesa di accettazione: finché non è accettata non conta.' : '';
  if (c.copieAdmin === 1) {
    out.push({
      codice: 'chiavi_solo_su_questo_dispositivo', gravita: 'critico',
      messaggio: `Le chiavi di questa cartella sono solo su questo dispositivo: se va perso, la cartella non è più leggibile. Consegnale a un collega o configura la chiave di recupero dell'ente.${attesa}`,
    });
  } else if (c.ioProf && c.copieProf === 1) {
    out.push({
      codice: 'chiave_prof_solo_su_questo_dispositivo', gravita: 'critico',
      messaggio: `La parte professionale (diario, relazioni, verbali) è leggibile solo da questo dispositivo: consegna le chiavi di équipe a un collega o configura la chiave di recupero dell'ente.${attesa}`,
    });
  }
  for (const k of consegneInAttesa(v, now)) {
    const messaggio = k.membro === ctx.io
      ? `Hai ricevuto le chiavi di questa cartella il ${k.data}: conferma l'accettazione della consegna.`
      : `Consegna a ${k.nome} del ${k.data} in attesa di accettazione dal suo dispositivo.`;
    out.push({ codice: 'consegna_da_accettare', gravita: 'info', messaggio, riferimento: k.membro });
  }
  return out;
}
