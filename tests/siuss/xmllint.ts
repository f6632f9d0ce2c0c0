/**
 * @module tests/siuss/xmllint
 * The real validator for the SIUSS tests: Debian's xmllint (libxml2-utils), run with
 * spawnSync on files in a private temporary directory. When xmllint is missing the tests fail
 * with the exact command that installs it (tests/run-all.sh runs tests/ensure-xmllint.sh first).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The command that installs xmllint on Debian. */
export const INSTALL_XMLLINT = 'sudo apt-get update && sudo apt-get install -y libxml2-utils';

/** The official schemas (copied unchanged, see tests/data/siuss/SOURCE.md). */
export const XSD_PS = fileURLToPath(new URL('../data/siuss/PS_PSA_SINA201812.xsd', import.meta.url));
export const XSD_SINBA = fileURLToPath(new URL('../data/siuss/SINBA.xsd', import.meta.url));

let present = false;

/**
 * Throws with the install command when xmllint cannot be run. Called by every helper below, so
 * each test that needs xmllint fails on its own (rather than being skipped) when it is missing.
 */
export function requireXmllint(): void {
  if (present) return;
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`xmllint non è installato: i flussi SIUSS vanno validati con un vero validatore XML. Installa con:  ${INSTALL_XMLLINT}  (oppure: bash tests/ensure-xmllint.sh)`);
  }
  present = true;
}

/** A private directory for the files handed to xmllint; `SIUSS_OUT=<dir>` keeps them there instead. */
export class XmlFiles {
  readonly dir: string;
  private readonly keep: boolean;
  private n = 0;

  constructor() {
    const out = process.env['SIUSS_OUT'];
    this.keep = out !== undefined && out !== '';
    this.dir = this.keep && out ? out : mkdtempSync(join(tmpdir(), 'siuss-'));
  }

  /** Writes `xml` (UTF-8) to a new file named after `name`; gives its path. */
  write(name: string, xml: string): string {
    const path = join(this.dir, `${String(++this.n).padStart(2, '0')}-${name}.xml`);
    writeFileSync(path, xml, 'utf8');
    return path;
  }

  dispose(): void {
    if (!this.keep) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `xmllint --noout --schema <xsd> <file>`: valid when it exits 0; `output` is its report. */
export function validate(xsd: string, file: string): { readonly valid: boolean; readonly output: string } {
  requireXmllint();
  const r = spawnSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { valid: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** Evaluates an XPath 1.0 expression with xmllint (use local-name(): the flows have a default namespace). */
export function xpath(file: string, expr: string): string {
  requireXmllint();
  const r = spawnSync('xmllint', ['--xpath', expr, file], { encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`xpath ${expr}: ${r.stderr}`);
  // xmllint ends a string or number result with one newline of its own.
  return r.stdout.endsWith('\n') ? r.stdout.slice(0, -1) : r.stdout;
}

/** The attributes of the single element `path` selects (e.g. `/Flusso/Beneficiario[1]/Anagrafica`), as a map. */
export function attributesAt(file: string, path: string): Record<string, string> {
  const steps = path.split('/').filter((s) => s !== '').map((s) => {
    const m = /^(\w+)(\[.*\])?$/.exec(s);
    return `*[local-name()='${m?.[1] ?? s}']${m?.[2] ?? ''}`;
  });
  const out: Record<string, string> = {};
  const count = Number(xpath(file, `count(/${steps.join('/')}/@*)`));
  for (let i = 1; i <= count; i++) {
    const name = xpath(file, `name((/${steps.join('/')}/@*)[${i}])`);
    out[name] = xpath(file, `string((/${steps.join('/')}/@*)[${i}])`);
  }
  return out;
}
