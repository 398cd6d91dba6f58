/**
 * Appends a signature placeholder as an incremental update, using @signpdf/placeholder-plain,
 * and repairs what that library gets wrong:
 *  - its trailer: startxref one byte short, /Size too large from the 2nd signature on (it counts
 *    the re-written AcroForm as a new object), the document /ID dropped — the trailer is rebuilt;
 *  - its strings: it writes UTF-16 text as UTF-8-encoded code points (mojibake for Chinese) — it
 *    is handed ASCII fillers of exactly the right length, overwritten in place with <FEFF…> hex
 *    strings, so no byte offset moves;
 *  - no comment entry: the /Location filler becomes our /Comment entry (same length).
 * The byte range is then filled in; /Contents is left zeroed for the CMS.
 */
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { encodeTextHex, isDict, parsePdf, serialize } from './pdf-objects.ts';

/** Bytes reserved for the DER CMS (hex-encoded in the file: twice that). */
export const SIGNATURE_BYTES = 8192;
/** /Prop_Build /App /Name — must not contain spaces (placeholder-plain writes it as a PDF name). */
export const APP_NAME = 'staff-assessment';

const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 /********** /********** /**********]';

export interface PlaceholderText {
  name: string;
  reason: string;
  comment: string;
  contactInfo: string;
  signingTime: Date;
}

export interface Placeholder {
  pdf: Buffer;
  /** [0, a, b, c]: /Contents occupies [a, b) including its angle brackets. */
  byteRange: [number, number, number, number];
}

export class PlaceholderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlaceholderError';
  }
}

export function addSignaturePlaceholder(input: Buffer, text: PlaceholderText): Placeholder {
  const before = parsePdf(input); // the input must itself be well-formed (throws PdfParseError)
  const lastSection = before.sections[before.sections.length - 1]!;
  const previousTrailer = lastSection.trailer;

  const filler = (letter: string, value: string) => letter.repeat(4 * (value.length + 1));
  let out: Buffer;
  try {
    out = plainAddPlaceholder({
      pdfBuffer: input,
      reason: filler('R', text.reason),
      name: filler('N', text.name),
      location: filler('L', text.comment),
      contactInfo: filler('C', text.contactInfo),
      signingTime: text.signingTime,
      signatureLength: SIGNATURE_BYTES,
      subFilter: SUBFILTER_ETSI_CADES_DETACHED,
      appName: APP_NAME,
    });
  } catch (error) {
    throw new PlaceholderError(`cannot add a signature field: ${(error as Error).message}`);
  }

  // placeholder-plain drops one trailing "\n" (then "\r") and starts its update with "\n".
  let base = input.length;
  if (input[base - 1] === 0x0a) base--;
  if (input[base - 1] === 0x0d) base--;
  if (!out.subarray(0, base).equals(input.subarray(0, base))) throw new PlaceholderError('the update rewrote earlier bytes');
  const signed = input.includes('/ByteRange');
  if (signed && !out.subarray(0, input.length).equals(input)) {
    throw new PlaceholderError('the signed input ends with CR LF after %%EOF; earlier signatures would break');
  }

  // Proper text strings, written over the fillers (same length, so no offset moves).
  const overwrite = (from: string, to: string) => {
    if (from.length !== to.length) throw new PlaceholderError('internal: replacement length mismatch');
    const at = out.indexOf(from, base, 'latin1');
    if (at === -1 || out.indexOf(from, at + 1, 'latin1') !== -1) throw new PlaceholderError(`internal: filler ${from.slice(0, 12)}… not found once`);
    out.write(to, at, 'latin1');
  };
  overwrite(`/Reason (${filler('R', text.reason)})`, `/Reason ${encodeTextHex(text.reason)}`);
  overwrite(`/Name (${filler('N', text.name)})`, `/Name ${encodeTextHex(text.name)}`);
  overwrite(`/ContactInfo (${filler('C', text.contactInfo)})`, `/ContactInfo ${encodeTextHex(text.contactInfo)}`);
  overwrite(`/Location (${filler('L', text.comment)})`, `/Comment  ${encodeTextHex(text.comment)}`);

  // Rebuild the trailer: right /Size, /Prev, /ID and startxref.
  const xrefAt = out.lastIndexOf('\nxref\n', undefined, 'latin1') + 1;
  const trailerAt = out.lastIndexOf('\ntrailer\n', undefined, 'latin1') + 1;
  if (xrefAt <= base || trailerAt <= xrefAt) throw new PlaceholderError('internal: no cross-reference table in the update');
  const xrefText = out.toString('latin1', xrefAt, trailerAt);
  let maxObject = 0;
  for (const m of xrefText.matchAll(/^(\d+) 1\r?\n\d{10} \d{5} n/gm)) maxObject = Math.max(maxObject, Number(m[1]));
  const previousSize = previousTrailer.entries.get('Size');
  const size = Math.max(typeof previousSize === 'number' ? previousSize : 0, maxObject + 1);
  const root = previousTrailer.entries.get('Root');
  if (!root) throw new PlaceholderError('the input trailer has no /Root');
  const entry = (key: string) => {
    const value = previousTrailer.entries.get(key);
    return value === undefined ? '' : `/${key} ${serialize(value)}\n`;
  };
  const trailer =
    `trailer\n<<\n/Size ${size}\n/Root ${serialize(root)}\n${entry('Info')}${entry('ID')}/Prev ${lastSection.start}\n>>\n` +
    `startxref\n${xrefAt}\n%%EOF`;
  out = Buffer.concat([out.subarray(0, trailerAt), Buffer.from(trailer, 'latin1')]);

  // The byte range around /Contents.
  const rangeAt = out.indexOf(BYTE_RANGE_PLACEHOLDER, base, 'latin1');
  if (rangeAt === -1 || out.indexOf(BYTE_RANGE_PLACEHOLDER, rangeAt + 1, 'latin1') !== -1) {
    throw new PlaceholderError('internal: ByteRange placeholder not found once');
  }
  const contentsKey = out.indexOf('/Contents <', rangeAt, 'latin1');
  const a = contentsKey + '/Contents '.length;
  const b = out.indexOf('>', a, 'latin1') + 1;
  if (contentsKey === -1 || b - a - 2 !== SIGNATURE_BYTES * 2) throw new PlaceholderError('internal: /Contents placeholder not found');
  const c = out.length - b;
  const range = `/ByteRange [0 ${a} ${b} ${c}`;
  out.write(range.padEnd(BYTE_RANGE_PLACEHOLDER.length - 1, ' ') + ']', rangeAt, 'latin1');

  const after = parsePdf(out); // our own output must pass the same strict reader the verifier uses
  if (!isDict(after.sections[after.sections.length - 1]?.trailer)) throw new PlaceholderError('internal: unreadable update');
  return { pdf: out, byteRange: [0, a, b, c] };
}
