/**
 * @module client/chiavi
 * The keys screens (docs/SHARING.md, docs/KEYRING.md): this device's code, the keyring backup
 * and its import on a new computer, the device passphrase, the ente's recovery key.
 */
export { IlMioCodice } from './IlMioCodice';
export { CopiaSicurezza } from './CopiaSicurezza';
export { CambiaPassphrase } from './CambiaPassphrase';
export { ChiaveRecupero } from './ChiaveRecupero';
export { ImportaBackup } from './ImportaBackup';
export { Ricevi } from './Ricevi';
export { Affida } from './Affida';
export { Continuita } from './Continuita';
export { Recupera } from './Recupera';
