/**
 * A small, strict reader for the PDFs this app writes and signs (classic cross-reference tables,
 * incremental updates, no object streams or cross-reference streams, no encryption).
 *
 * The file is scanned front to back: every byte must belong to the header, a comment, an
 * `N G obj … endobj` object (streams skipped by their /Length), an `xref` table with its
 * `trailer`, or a `startxref N %%EOF` footer. Then the cross-reference tables are checked against
 * what the scan found: each table must list exactly the objects of its own section at their exact
 * offsets, /Prev must chain the sections in file order, and startxref must point at its table.
 * Under those rules "the last definition of an object before byte X" — what this reader uses —
 * is also what any conforming reader resolves through the xref chain, so no object can hide from
 * the verifier (e.g. inside a comment or behind an xref entry pointing elsewhere).
 */

export class PdfParseError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} (at byte ${offset})`);
    this.name = 'PdfParseError';
    this.offset = offset;
  }
}

export interface PdfName {
  type: 'name';
  name: string;
}
export interface PdfString {
  type: 'string';
  bytes: Buffer;
  hex: boolean;
  /** Byte offsets of the token in the file, delimiters included: [start, end). */
  start: number;
  end: number;
}
export interface PdfRef {
  type: 'ref';
  num: number;
  gen: number;
}
export interface PdfArray {
  type: 'array';
  items: PdfValue[];
}
export interface PdfDict {
  type: 'dict';
  entries: Map<string, PdfValue>;
}
export type PdfValue = null | boolean | number | PdfName | PdfString | PdfRef | PdfArray | PdfDict;

export interface PdfObject {
  num: number;
  gen: number;
  /** Offset of the object number (what an xref entry points at) and just past `endobj`. */
  start: number;
  end: number;
  value: PdfValue;
  /** Raw (still encoded) stream data, if the object is a stream. */
  stream?: { start: number; end: number };
}

export interface XrefEntry {
  offset: number;
  gen: number;
  inUse: boolean;
}

export interface XrefSection {
  /** Offset of the `xref` keyword. */
  start: number;
  entries: Map<number, XrefEntry>;
  trailer: PdfDict;
  startxref: number;
  /** Offset just past this section's `%%EOF`: the end of a revision. */
  end: number;
}

export interface ParsedPdf {
  bytes: Buffer;
  objects: PdfObject[];
  sections: XrefSection[];
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const MAX_DEPTH = 64;

function isRegular(c: number | undefined): boolean {
  return c !== undefined && !WHITESPACE.has(c) && !DELIMITERS.has(c);
}

class Lexer {
  pos: number;
  constructor(
    readonly buf: Buffer,
    start: number,
    readonly limit: number,
  ) {
    this.pos = start;
  }

  fail(message: string, at = this.pos): never {
    throw new PdfParseError(message, at);
  }

  peek(offset = 0): number | undefined {
    const at = this.pos + offset;
    return at < this.limit ? this.buf[at] : undefined;
  }

  /** Skips whitespace and comments (comments only when `comments` is true). */
  skipSpace(comments = true): void {
    while (this.pos < this.limit) {
      const c = this.buf[this.pos]!;
      if (WHITESPACE.has(c)) {
        this.pos++;
      } else if (c === 0x25 && comments) {
        while (this.pos < this.limit && this.buf[this.pos] !== 0x0a && this.buf[this.pos] !== 0x0d) this.pos++;
      } else {
        return;
      }
    }
  }

  /** Reads a run of regular characters (a keyword or a number) without consuming on mismatch. */
  word(): string {
    let end = this.pos;
    while (end < this.limit && isRegular(this.buf[end])) end++;
    return this.buf.toString('latin1', this.pos, end);
  }

  keyword(expected: string): boolean {
    if (this.word() !== expected) return false;
    this.pos += expected.length;
    return true;
  }

  expectKeyword(expected: string): void {
    if (!this.keyword(expected)) this.fail(`expected "${expected}"`);
  }

  integer(): number | undefined {
    const w = this.word();
    if (!/^\d{1,10}$/.test(w)) return undefined;
    this.pos += w.length;
    return Number(w);
  }

  expectInteger(what: string): number {
    const n = this.integer();
    if (n === undefined) this.fail(`expected ${what}`);
    return n;
  }

  value(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) this.fail('objects nested too deeply');
    this.skipSpace();
    const c = this.peek();
    if (c === undefined) this.fail('unexpected end of data');
    if (c === 0x2f) return this.name();
    if (c === 0x28) return this.literalString();
    if (c === 0x3c) return this.peek(1) === 0x3c ? this.dict(depth) : this.hexString();
    if (c === 0x5b) {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (this.peek() === 0x5d) {
          this.pos++;
          return { type: 'array', items };
        }
        items.push(this.value(depth + 1));
      }
    }
    const w = this.word();
    if (w === 'true' || w === 'false') {
      this.pos += w.length;
      return w === 'true';
    }
    if (w === 'null') {
      this.pos += 4;
      return null;
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) {
      this.pos += w.length;
      if (/^\d+$/.test(w)) {
        // Maybe "num gen R".
        const save = this.pos;
        this.skipSpace();
        const gen = this.integer();
        if (gen !== undefined) {
          this.skipSpace();
          if (this.keyword('R')) return { type: 'ref', num: Number(w), gen };
        }
        this.pos = save;
      }
      return Number(w);
    }
    this.fail(w ? `unexpected token "${w.slice(0, 20)}"` : `unexpected character 0x${c.toString(16)}`);
  }

  name(): PdfName {
    this.pos++; // '/'
    const bytes: number[] = [];
    while (isRegular(this.peek())) {
      const c = this.buf[this.pos]!;
      if (c === 0x23) {
        const hex = this.buf.toString('latin1', this.pos + 1, this.pos + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) this.fail('bad #xx escape in a name');
        bytes.push(parseInt(hex, 16));
        this.pos += 3;
      } else {
        bytes.push(c);
        this.pos++;
      }
    }
    return { type: 'name', name: Buffer.from(bytes).toString('latin1') };
  }

  literalString(): PdfString {
    const start = this.pos;
    this.pos++; // '('
    const out: number[] = [];
    let depth = 1;
    while (this.pos < this.limit) {
      const c = this.buf[this.pos++]!;
      if (c === 0x5c) {
        const e = this.buf[this.pos++];
        if (e === undefined || this.pos > this.limit) break;
        const simple: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (simple[e] !== undefined) {
          out.push(simple[e]);
        } else if (e >= 0x30 && e <= 0x37) {
          let code = e - 0x30;
          for (let i = 0; i < 2 && this.peek() !== undefined && this.peek()! >= 0x30 && this.peek()! <= 0x37; i++) {
            code = code * 8 + (this.buf[this.pos++]! - 0x30);
          }
          out.push(code & 0xff);
        } else if (e === 0x0d) {
          if (this.peek() === 0x0a) this.pos++; // line continuation
        } else if (e !== 0x0a) {
          out.push(e); // unknown escape: the backslash is ignored
        }
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) return { type: 'string', bytes: Buffer.from(out), hex: false, start, end: this.pos };
        out.push(c);
      } else if (c === 0x0d) {
        if (this.peek() === 0x0a) this.pos++;
        out.push(0x0a); // any end-of-line in a literal string reads as LF
      } else {
        out.push(c);
      }
    }
    this.fail('unterminated string', start);
  }

  hexString(): PdfString {
    const start = this.pos;
    const close = this.buf.indexOf(0x3e, this.pos);
    if (close === -1 || close >= this.limit) this.fail('unterminated hex string', start);
    const text = this.buf.toString('latin1', this.pos + 1, close).replace(/[\0\t\n\f\r ]/g, '');
    if (!/^[0-9a-fA-F]*$/.test(text)) this.fail('bad character in a hex string', start);
    this.pos = close + 1;
    return { type: 'string', bytes: Buffer.from(text.length % 2 ? `${text}0` : text, 'hex'), hex: true, start, end: this.pos };
  }

  dict(depth: number): PdfDict {
    this.pos += 2; // '<<'
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skipSpace();
      if (this.peek() === 0x3e && this.peek(1) === 0x3e) {
        this.pos += 2;
        return { type: 'dict', entries };
      }
      if (this.peek() !== 0x2f) this.fail('expected a name as dictionary key');
      const key = this.name().name;
      if (entries.has(key)) this.fail(`duplicate dictionary key /${key}`);
      entries.set(key, this.value(depth + 1));
    }
  }
}

/** Scans and cross-checks a whole PDF. Throws PdfParseError when the file breaks the rules above. */
export function parsePdf(bytes: Buffer): ParsedPdf {
  if (bytes.toString('latin1', 0, 5) !== '%PDF-') throw new PdfParseError('missing %PDF- header', 0);
  const lx: Lexer = new Lexer(bytes, 0, bytes.length);
  const objects: PdfObject[] = [];
  const sections: XrefSection[] = [];
  const latest = new Map<number, PdfObject>();

  for (;;) {
    lx.skipSpace();
    if (lx.pos >= bytes.length) break;
    const at = lx.pos;
    if (lx.keyword('xref')) {
      sections.push(readXrefSection(lx, at));
      continue;
    }
    if (lx.word() === 'startxref') lx.fail('startxref without a cross-reference table (xref streams are not supported)');
    const num = lx.integer();
    lx.skipSpace();
    const gen = num === undefined ? undefined : lx.integer();
    lx.skipSpace();
    if (num === undefined || gen === undefined || !lx.keyword('obj')) lx.fail('expected "N G obj", "xref" or a comment', at);
    const value = lx.value();
    lx.skipSpace();
    const object: PdfObject = { num, gen, start: at, end: 0, value };
    if (lx.keyword('stream')) {
      if (!value || typeof value !== 'object' || value.type !== 'dict') lx.fail('stream without a dictionary', at);
      if (lx.peek() === 0x0d && lx.peek(1) === 0x0a) lx.pos += 2;
      else if (lx.peek() === 0x0a) lx.pos += 1;
      else lx.fail('"stream" must be followed by an end-of-line');
      let length = value.entries.get('Length');
      if (length && typeof length === 'object' && length.type === 'ref') {
        const target = latest.get(length.num);
        length = target && target.gen === length.gen ? target.value : undefined;
      }
      if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) lx.fail('stream /Length is not a known integer', at);
      const dataStart = lx.pos;
      const dataEnd = dataStart + length;
      if (dataEnd > bytes.length) lx.fail('stream runs past the end of the file', at);
      lx.pos = dataEnd;
      lx.skipSpace(false);
      if (!lx.keyword('endstream')) lx.fail('stream /Length does not end at "endstream"', dataEnd);
      object.stream = { start: dataStart, end: dataEnd };
      lx.skipSpace();
    }
    lx.expectKeyword('endobj');
    object.end = lx.pos;
    objects.push(object);
    latest.set(num, object);
  }

  if (sections.length === 0) throw new PdfParseError('no cross-reference table', bytes.length);
  checkXref(objects, sections);
  return { bytes, objects, sections };
}

function readXrefSection(lx: Lexer, start: number): XrefSection {
  const entries = new Map<number, XrefEntry>();
  for (;;) {
    lx.skipSpace();
    if (lx.keyword('trailer')) break;
    const first = lx.expectInteger('a cross-reference subsection start');
    lx.skipSpace();
    const count = lx.expectInteger('a cross-reference subsection count');
    for (let i = 0; i < count; i++) {
      lx.skipSpace();
      const offset = lx.expectInteger('an xref offset');
      lx.skipSpace();
      const gen = lx.expectInteger('an xref generation');
      lx.skipSpace();
      const kind = lx.word();
      if (kind !== 'n' && kind !== 'f') lx.fail('xref entry type must be n or f');
      lx.pos += 1;
      if (entries.has(first + i)) lx.fail(`object ${first + i} listed twice in one xref table`);
      entries.set(first + i, { offset, gen, inUse: kind === 'n' });
    }
  }
  lx.skipSpace();
  const trailer = lx.value();
  if (!trailer || typeof trailer !== 'object' || trailer.type !== 'dict') lx.fail('trailer is not a dictionary');
  lx.skipSpace();
  lx.expectKeyword('startxref');
  lx.skipSpace();
  const startxref = lx.expectInteger('the startxref offset');
  lx.skipSpace(false);
  if (bytesAt(lx, '%%EOF')) {
    lx.pos += 5;
  } else {
    lx.fail('expected %%EOF after startxref');
  }
  return { start, entries, trailer, startxref, end: lx.pos };
}

function bytesAt(lx: Lexer, text: string): boolean {
  return lx.buf.toString('latin1', lx.pos, lx.pos + text.length) === text;
}

function checkXref(objects: PdfObject[], sections: XrefSection[]): void {
  let objectIndex = 0;
  let previous: XrefSection | undefined;
  for (const section of sections) {
    if (section.startxref !== section.start) {
      throw new PdfParseError(`startxref says ${section.startxref} but its xref table is at ${section.start}`, section.start);
    }
    const prev = section.trailer.entries.get('Prev');
    if (previous ? prev !== previous.start : prev !== undefined) {
      throw new PdfParseError('trailer /Prev does not point at the previous xref table', section.start);
    }
    for (const key of ['Encrypt', 'XRefStm']) {
      if (section.trailer.entries.has(key)) throw new PdfParseError(`trailer /${key} is not supported`, section.start);
    }
    const segment: PdfObject[] = [];
    while (objectIndex < objects.length && objects[objectIndex]!.start < section.start) segment.push(objects[objectIndex++]!);
    const byNumber = new Map(segment.map((o) => [o.num, o]));
    for (const object of segment) {
      const entry = section.entries.get(object.num);
      if (!entry || !entry.inUse || entry.offset !== object.start || entry.gen !== object.gen || byNumber.get(object.num) !== object) {
        throw new PdfParseError(`object ${object.num} is not listed at its offset in the xref table that follows it`, object.start);
      }
    }
    for (const [num, entry] of section.entries) {
      if (!entry.inUse) {
        if (num !== 0) throw new PdfParseError(`xref marks object ${num} as free (not supported)`, section.start);
        continue;
      }
      const object = byNumber.get(num);
      if (!object || object.start !== entry.offset) {
        throw new PdfParseError(`xref entry for object ${num} does not point at that object in its own section`, section.start);
      }
    }
    previous = section;
  }
  if (objectIndex < objects.length) {
    throw new PdfParseError('objects after the last cross-reference table', objects[objectIndex]!.start);
  }
}

// ---------------------------------------------------------------------------------------------
// Views of a parsed file

/** The objects as of byte `limit` (the last definition of each number that ends by then). */
export function objectsAsOf(pdf: ParsedPdf, limit: number): Map<number, PdfObject> {
  const map = new Map<number, PdfObject>();
  for (const object of pdf.objects) if (object.end <= limit) map.set(object.num, object);
  return map;
}

/** The trailer of the last xref section ending at or before `limit`. */
export function trailerAsOf(pdf: ParsedPdf, limit: number): PdfDict | undefined {
  let trailer: PdfDict | undefined;
  for (const section of pdf.sections) if (section.end <= limit) trailer = section.trailer;
  return trailer;
}

export function isDict(value: PdfValue | undefined): value is PdfDict {
  return !!value && typeof value === 'object' && value.type === 'dict';
}
export function isName(value: PdfValue | undefined, name?: string): value is PdfName {
  return !!value && typeof value === 'object' && value.type === 'name' && (name === undefined || value.name === name);
}
export function isRef(value: PdfValue | undefined): value is PdfRef {
  return !!value && typeof value === 'object' && value.type === 'ref';
}
export function isArray(value: PdfValue | undefined): value is PdfArray {
  return !!value && typeof value === 'object' && value.type === 'array';
}
export function isString(value: PdfValue | undefined): value is PdfString {
  return !!value && typeof value === 'object' && value.type === 'string';
}

/** Follows a reference in `objects`; other values are returned as they are. */
export function resolve(objects: Map<number, PdfObject>, value: PdfValue | undefined): PdfValue | undefined {
  if (!isRef(value)) return value;
  const target = objects.get(value.num);
  return target && target.gen === value.gen ? target.value : undefined;
}

/** A PDF text string: UTF-16BE with BOM, UTF-8 with BOM (PDF 2.0), else PDFDocEncoding (≈ Latin-1). */
export function decodeText(value: PdfValue | undefined): string | null {
  if (!isString(value)) return null;
  const b = value.bytes;
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2)).swap16().toString('utf16le');
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  return b.toString('latin1');
}

/** A PDF text string as a hex string token: <FEFF + UTF-16BE>. */
export function encodeTextHex(text: string): string {
  return `<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}

/** Parses a PDF date "D:YYYYMMDDHHmmSS(Z|+HH'mm'|-HH'mm')". */
export function parsePdfDate(text: string | null): Date | null {
  const m = text && /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?|[+-]\d{2})?/.exec(text);
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', tz] = m;
  let offsetMinutes = 0;
  if (tz && tz !== 'Z') {
    const digits = tz.replace(/'/g, '');
    offsetMinutes = (tz[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0'));
  }
  const date = new Date(Date.UTC(+y!, +mo - 1, +d, +h, +mi, +s) - offsetMinutes * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Structural equality of two values (ignores how they were spelled in the file). */
export function pdfEqual(a: PdfValue | undefined, b: PdfValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || a.type !== b.type) return false;
  switch (a.type) {
    case 'name':
      return a.name === (b as PdfName).name;
    case 'string':
      return a.bytes.equals((b as PdfString).bytes);
    case 'ref':
      return a.num === (b as PdfRef).num && a.gen === (b as PdfRef).gen;
    case 'array': {
      const items = (b as PdfArray).items;
      return a.items.length === items.length && a.items.every((item, i) => pdfEqual(item, items[i]));
    }
    case 'dict': {
      const entries = (b as PdfDict).entries;
      if (a.entries.size !== entries.size) return false;
      for (const [key, value] of a.entries) if (!entries.has(key) || !pdfEqual(value, entries.get(key))) return false;
      return true;
    }
  }
}

/** Serialises a value (used for the few entries the signer copies, e.g. the trailer /ID). */
export function serialize(value: PdfValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  switch (value.type) {
    case 'name':
      return `/${[...Buffer.from(value.name, 'latin1')].map((c) => (isRegular(c) && c > 0x20 && c < 0x7f && c !== 0x23 ? String.fromCharCode(c) : `#${c.toString(16).padStart(2, '0')}`)).join('')}`;
    case 'string':
      return `<${value.bytes.toString('hex')}>`;
    case 'ref':
      return `${value.num} ${value.gen} R`;
    case 'array':
      return `[${value.items.map(serialize).join(' ')}]`;
    case 'dict':
      return `<<${[...value.entries].map(([k, v]) => `${serialize({ type: 'name', name: k })} ${serialize(v)}`).join(' ')}>>`;
  }
}
