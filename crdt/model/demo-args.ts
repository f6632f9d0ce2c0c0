/**
 * @module demo-args
 * The arguments of `npm run demo -- --seed 42 --count 20 --out data/demo [--oggi 2025-06-30]`,
 * parsed and checked with messages a person can act on. Pure: no I/O.
 */
import { comeData } from './date';
import { OGGI_DEMO } from './demo';

/** Parsed demo arguments. */
export interface ArgomentiDemo {
  readonly seed: number;
  readonly count: number;
  readonly out: string;
  readonly oggi: string;
}

/** How to call the demo. */
export const USO = 'Uso: npm run demo -- --seed <intero ≥ 0> --count <1–1000> --out <cartella> [--oggi AAAA-MM-GG]';

/** Parses the command line; gives the arguments or an Italian error message. */
export function leggiArgomenti(argv: readonly string[]): { readonly ok: true; readonly value: ArgomentiDemo } | { readonly ok: false; readonly message: string } {
  const valori = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const [nome, uguale] = a.startsWith('--') ? a.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    if (!nome || !['seed', 'count', 'out', 'oggi'].includes(nome)) return { ok: false, message: `Argomento sconosciuto: «${a}».\n${USO}` };
    const v = uguale ?? argv[++i];
    if (v === undefined || v.startsWith('--')) return { ok: false, message: `Manca il valore di --${nome}.\n${USO}` };
    if (valori.has(nome)) return { ok: false, message: `--${nome} è indicato due volte.` };
    valori.set(nome, v);
  }
  const seedTxt = valori.get('seed') ?? '42';
  const countTxt = valori.get('count') ?? '20';
  const out = valori.get('out') ?? 'data/demo';
  const oggi = valori.get('oggi') ?? OGGI_DEMO;
  const seed = /^\d{1,10}$/.test(seedTxt) ? Number(seedTxt) : NaN;
  if (!Number.isSafeInteger(seed) || seed > 0xffffffff) return { ok: false, message: `--seed dev'essere un intero tra 0 e 4294967295 (ricevuto «${seedTxt}»).` };
  const count = /^\d{1,4}$/.test(countTxt) ? Number(countTxt) : NaN;
  if (!Number.isInteger(count) || count < 1 || count > 1000) return { ok: false, message: `--count dev'essere un intero tra 1 e 1000 (ricevuto «${countTxt}»).` };
  if (out.trim() === '') return { ok: false, message: '--out non può essere vuoto.' };
  if (!comeData(oggi)) return { ok: false, message: `--oggi dev'essere una data AAAA-MM-GG valida (ricevuto «${oggi}»).` };
  return { ok: true, value: { seed, count, out, oggi } };
}
