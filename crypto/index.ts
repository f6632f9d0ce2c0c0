/**
 * @module crypto
 * The public face of crypto/: everything the client and the sync engine use. The relay
 * imports only the key-free files directly (envelopeFormat, verifyEnvelopeSignature, sodium,
 * bytes, relayAuth), so it never pulls in sealing code.
 */
export * from './result';
export * from './sodium';
export * from './bytes';
export * from './keys';
export * from './identity';
export * from './primitives';
export * from './padding';
export * from './envelopeFormat';
export * from './verifyEnvelopeSignature';
export * from './sealEnvelope';
export * from './openEnvelope';
export * from './relayAuth';
export * from './keyringData';
export * from './keyring';
export * from './passphrase';
export * from './random';
export * from './passphraseBox';
export * from './keyringMerge';
export * from './keyringBackup';
export * from './shareErrors';
export * from './shareBundle';
export * from './shareLink';
export * from './sharePassphrase';
export * from './shareSealed';
export * from './acceptShareBundle';
export * from './keyText';
export * from './recovery';
export * from './keyBoxes';
export * from './searchIndex';
export * from './attachments';
