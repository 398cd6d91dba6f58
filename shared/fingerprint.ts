/**
 * A certificate's fingerprint as a short code two people read to each other by phone before one
 * trusts the other's certificate: the first 16 hex digits of its SHA-256, in four groups of four
 * ("AB12 CD34 EF56 7890"). 64 bits: enough to tell a look-alike certificate from the real one when
 * the code is compared over a separate channel.
 */
export function fingerprintCode(fingerprint: string): string {
  const hex = fingerprint.replace(/[^0-9A-Fa-f]/g, '').toUpperCase().slice(0, 16);
  return hex.match(/.{1,4}/g)?.join(' ') ?? '';
}
