/**
 * 006: identities bound to people. A certificate may carry its holder's employee number (a private
 * extension and the subject's serialNumber, electron/signing/identity.ts); this app's identities
 * and its trusted signers keep it beside the name, so the manager step is matched with the
 * region's manager in the roster and one person signs one step. Rows from before carry no number
 * (their certificates have none): NULL.
 */
export const sql = /* sql */ `
ALTER TABLE identities ADD COLUMN employee_no TEXT;
ALTER TABLE trusted_signers ADD COLUMN employee_no TEXT;
`;
