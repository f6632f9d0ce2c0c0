/**
 * Test harness: an équipe around one cartella, built the way people do it — the founder
 * creates it, hands it over to each colleague (sealed box to "il mio codice", or link, or
 * passphrase file), each colleague's device receives the bundle and accepts on the roster.
 */
import {
  encodeMyKeyCode, generateOneTimePassphrase, LINK_VALIDITY_MS, openSealedBundle, parseMyKeyCode, parseShareBundle, parseShareLink,
  sealBundleTo, shareLink, unwrapBundleWithPassphrase, wrapBundleWithPassphrase, type Ruolo as RuoloPortachiavi, type ShareBundle,
} from '../../crypto';
import type { Transport } from '../../crdt/sync/ports';
import { leggiAdmin, livelloChiavi, testoPiano, testoVoce, vociDiario, type AuthorKey, type Ruolo, type VoceDiarioId } from '../../crdt/model';
import { until } from './cartellaClient';
import { workspaceDevice, type WorkspaceDevice } from './workspaceDevice';

/** How a bundle travels from the giver to the receiver. */
export type Involucro = 'collegamento' | 'file' | 'busta';

/** A device and its worker's roster key. */
export type Collega = WorkspaceDevice & { readonly autore: AuthorKey; readonly nome: string };

/** Opens a worker's device on `transport`. */
export async function collega(transport: Transport, nome: string, ruolo: RuoloPortachiavi, now: Date, extra: Partial<Parameters<typeof workspaceDevice>[1]> = {}): Promise<Collega> {
  const d = await workspaceDevice(transport, { nome, ruolo, now, ...extra });
  return { ...d, autore: d.ws.autore, nome };
}

/** Cheap Argon2 for the passphrase file in tests (the window's floor). */
const FAST = { opslimit: 1, memlimitKiB: 8192 };

/**
 * `giver` hands `cartellaId` to `receiver` (role on the roster `ruolo`) wrapped as `involucro`;
 * returns the bundle the receiver's device parsed, after `ricevi` accepted it.
 */
export async function consegna(
  giver: Collega, receiver: Collega, cartellaId: string, ruolo: Ruolo, involucro: Involucro, now: Date,
): Promise<ShareBundle> {
  const codice = parseMyKeyCode(encodeMyKeyCode(receiver.identity));
  if (!codice.ok) throw new Error(codice.message);
  const made = giver.ws.condividi(cartellaId, {
    ruolo: livelloChiavi(ruolo), destinatario: { codice: codice.value, nome: receiver.nome, ruolo }, consenso: true,
    ...(involucro === 'collegamento' ? { validitaMs: LINK_VALIDITY_MS } : {}),
  }, now);
  if (!made.ok) throw new Error(`${made.code}: ${made.message}`);
  const options = { now: now.getTime(), usedBundleIds: receiver.keyring.current().usedBundleIds };
  let parsed;
  if (involucro === 'collegamento') {
    const bytes = parseShareLink(shareLink(made.value.bytes, 'http://localhost:8787'));
    if (!bytes.ok) throw new Error(bytes.message);
    parsed = parseShareBundle(bytes.value, { ...options, me: receiver.identity });
  } else if (involucro === 'file') {
    const passphrase = generateOneTimePassphrase();
    parsed = unwrapBundleWithPassphrase(wrapBundleWithPassphrase(made.value.bytes, passphrase, FAST), passphrase, { ...options, me: receiver.identity });
  } else {
    parsed = openSealedBundle(receiver.identity, sealBundleTo(receiver.identity.boxPublicKey, made.value.bytes), options);
  }
  if (!parsed.ok) throw new Error(`${parsed.code}: ${parsed.message}`);
  const received = await receiver.ws.ricevi(parsed.value, now);
  if (!received.ok) throw new Error(`${received.code}: ${received.message}`);
  return parsed.value;
}

/** Resolves once `observer`'s copy of the roster shows `member` accepted with a box key. */
export async function accettata(observer: Collega, cartellaId: string, member: AuthorKey): Promise<void> {
  await until(() => {
    const a = observer.ws.cartella(cartellaId);
    const m = a && leggiAdmin(a.cartella.admin).vista.membri.find((x) => x.chiave === member);
    return m?.accettazione !== undefined && m.chiaveBox !== undefined;
  }, `${member} accepted, seen by ${observer.nome}`, 20_000);
}

/** The cartella open on a colleague's device (throws when it is not there). */
export function aperta(d: Collega, id: string) {
  const x = d.ws.cartella(id);
  if (!x) throw new Error(`${d.nome} has no cartella ${id}`);
  return x;
}

/** The diary entries' plain text as a colleague's device holds them (none without the prof part). */
export function diario(d: Collega, id: string): string[] {
  const prof = aperta(d, id).cartella.prof;
  if (!prof) return [];
  return vociDiario(prof).map((v) => {
    const f = testoVoce(prof, v.id as VoceDiarioId);
    return f ? testoPiano(f) : '';
  });
}
