/**
 * @module client/strings/cartella
 * Strings of the cartella screens (list, new access, sections).
 */
export const cartella = {} as const;
