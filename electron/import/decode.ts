/**
 * Bytes of a text file → text. Chinese CSVs come as UTF-8 (with or without a BOM) as often as
 * GBK/GB18030, and Excel's "Unicode text" is UTF-16 LE with a BOM: try those, strictly, in order.
 */
import iconv from 'iconv-lite';
import type { FileReason } from '../../shared/refusals.ts';
import { FileRefused } from './errors.ts';

export interface DecodedText {
  text: string;
  /** How the bytes were read: "UTF-8 (BOM)", "UTF-8", "UTF-16 LE", "UTF-16 BE" or "GB18030". */
  encoding: string;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * Decode a text file: a UTF-8 BOM is stripped; otherwise strict UTF-8; if that fails, GB18030
 * (a superset of GBK and GB2312). A UTF-16 BOM selects UTF-16. Throws FileRefused for bytes that
 * are none of these, or that are not text at all (NUL characters).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  let decoded: DecodedText;
  if (startsWith(bytes, UTF8_BOM)) {
    decoded = { text: utf8(bytes.subarray(3)) ?? refuseUnreadable('UTF-8 (it starts with a UTF-8 BOM)', 'utf-8-bom'), encoding: 'UTF-8 (BOM)' };
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    decoded = { text: utf16(bytes.subarray(2), 'utf-16le'), encoding: 'UTF-16 LE' };
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    decoded = { text: utf16(bytes.subarray(2), 'utf-16be'), encoding: 'UTF-16 BE' };
  } else if (looksLikeBomlessUtf16(bytes)) {
    throw new FileRefused(
      'text in UTF-8, GB18030 (GBK), or UTF-16 with its byte-order mark — this file looks like UTF-16 without the mark, so its byte order is unknown; save it as "CSV UTF-8"',
      { code: 'text-utf16-no-bom' },
    );
  } else {
    const text = utf8(bytes);
    if (text !== null) decoded = { text, encoding: 'UTF-8' };
    else {
      const gb = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
      // iconv-lite puts U+FFFD where a byte sequence is not GB18030: then it is neither.
      if (gb.includes('\uFFFD')) refuseUnreadable('UTF-8 or GB18030 (GBK)', 'utf-8-gb18030');
      decoded = { text: gb, encoding: 'GB18030' };
    }
  }
  // A BOM decoded as a character (e.g. GB18030's 84 31 95 33) is not part of the text.
  if (decoded.text.startsWith('\uFEFF')) decoded.text = decoded.text.slice(1);
  if (decoded.text.includes('\0')) {
    throw new FileRefused('a text file (CSV) — this one contains NUL characters, so it is a binary file or a text encoding this app does not read; save it as "CSV UTF-8"', {
      code: 'text-nul',
    });
  }
  return decoded;
}

/** UTF-16 text without a BOM: NUL bytes in many of the even or of the odd positions (the high bytes of ASCII characters). */
function looksLikeBomlessUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  return Math.max(even, odd) >= n / 8;
}

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
  if (bytes.length % 2 !== 0) refuseUnreadable(`${encoding.toUpperCase()} (its BOM says so, but it has an odd number of bytes)`, 'utf-16-odd');
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding === 'utf-16le' ? 'utf16-le' : 'utf16-be');
  return text;
}

function refuseUnreadable(tried: string, code: Extract<FileReason, { code: 'text-encoding' }>['tried']): never {
  throw new FileRefused(`text in UTF-8 or GB18030 (GBK) — this file could not be read as ${tried}; save it as "CSV UTF-8"`, { code: 'text-encoding', tried: code });
}
