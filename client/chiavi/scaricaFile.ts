/**
 * @module client/chiavi/scaricaFile
 * Saves bytes as a file the browser downloads (no server involved): an object URL on a
 * temporary link, revoked right after.
 */
export function scaricaFile(bytes: Uint8Array, nome: string, tipo: string): void {
  const url = URL.createObjectURL(new Blob([bytes.slice().buffer], { type: tipo }));
  const a = document.createElement('a');
  a.href = url;
  a.download = nome;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
