/**
 * An employee number or a region code: letters, digits and "-", 1–20 characters. One rule for the
 * contract's forms, the roster import, HR's import of a signed sheet and a certificate's employee
 * number (a module of its own, so the signing code need not load the contract).
 */
export const IDENTIFIER_MAX = 20;
export const IDENTIFIER = new RegExp(`^[A-Za-z0-9-]{1,${IDENTIFIER_MAX}}$`);
