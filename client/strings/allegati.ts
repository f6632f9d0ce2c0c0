/**
 * @module client/strings/allegati
 * The attachments (client/cartella/Allegati.tsx, Documenti, Diario): `t.allegati`.
 */
import type { FormatoAllegatoModello } from '../../crdt/model';

export const testiAllegati = {
  titolo: 'Allegati',
  allega: 'Allega un file',
  allegaA: (dove: string): string => `Allega un file a: ${dove}`,
  aiuto: (limite: string): string => `PDF, JPEG o PNG, fino a ${limite}. Puoi anche trascinare il file qui.`,
  rilascia: 'Rilascia il file per allegarlo',
  file: 'File da allegare (facoltativo)',
  fileAiuto: (limite: string): string => `Una scansione o una foto del documento: PDF, JPEG o PNG, fino a ${limite}. Il documento risulterà acquisito.`,
  scelto: (nome: string, dimensione: string): string => `${nome} (${dimensione})`,
  togli: 'Togli il file',
  lettura: 'Lettura del file…',
  cifratura: 'Cifratura del file…',
  aggiunto: (nome: string): string => `«${nome}» allegato: viene inviato cifrato al server.`,
  aggiuntoAcquisito: (nome: string): string => `«${nome}» allegato: il documento risulta ora acquisito.`,
  formati: { pdf: 'PDF', jpeg: 'Immagine JPEG', png: 'Immagine PNG' } satisfies Record<FormatoAllegatoModello, string>,
  aggiuntoDa: (chi: string, quando: string): string => `aggiunto da ${chi}, ${quando}`,
  offline: 'Disponibile offline',
  offlineAiuto: 'Il file è su questo dispositivo: si apre anche senza rete.',
  inAttesa: 'In attesa di rete',
  inAttesaAiuto: 'Il file è cifrato su questo dispositivo e verrà inviato appena il server è raggiungibile.',
  caricamento: (percento: number): string => `Caricamento ${percento}%`,
  errore: 'Non inviato',
  rimosso: (motivo: string): string => `Rimosso: ${motivo}`,
  mostra: 'Mostra',
  nascondi: 'Nascondi',
  scarica: 'Scarica',
  apriCosa: (azione: string, nome: string): string => `${azione} ${nome}`,
  apertura: 'Apertura…',
  nonDisponibili: 'Gli allegati non sono disponibili su questo dispositivo (l’archivio locale non si è aperto).',
  anteprima: (nome: string): string => `Anteprima di ${nome}`,
  nessuno: 'Nessun allegato.',
} as const;
