/**
 * Reads an embedded file (catalog /Names → /EmbeddedFiles name tree → Filespec → /EF → stream)
 * from a given revision of a parsed PDF.
 */
import { inflateSync } from 'node:zlib';
import {
  type ParsedPdf,
  type PdfObject,
  type PdfValue,
  decodeText,
  isArray,
  isDict,
  isName,
  isRef,
  objectsAsOf,
  resolve,
  trailerAsOf,
} from './pdf-objects.ts';
import { DuplicateKeyError, parseStrictJson } from '../../shared/strict-json.ts';

/** Decoded size cap (a zip bomb must not take the app down). */
const MAX_DECODED_BYTES = 32 * 1024 * 1024;

export class EmbeddedDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedDataError';
  }
}

/** The embedded JSON names a key twice in one object (`path`: where): programs would read it differently. */
export class DuplicateKeyDataError extends EmbeddedDataError {
  constructor(readonly path: string) {
    super(`the embedded JSON names the key ${path} twice in one object (programs would read it differently)`);
  }
}

/** The bytes of the embedded file `fileName` as of byte `revisionEnd`. */
export function readEmbeddedFile(pdf: ParsedPdf, revisionEnd: number, fileName: string): Buffer {
  const objects = objectsAsOf(pdf, revisionEnd);
  const catalog = resolve(objects, trailerAsOf(pdf, revisionEnd)?.entries.get('Root'));
  if (!isDict(catalog)) throw new EmbeddedDataError('no document catalog');
  const names = resolve(objects, catalog.entries.get('Names'));
  const tree = isDict(names) ? resolve(objects, names.entries.get('EmbeddedFiles')) : undefined;
  if (!isDict(tree)) throw new EmbeddedDataError('the PDF has no embedded files');

  const matches: PdfValue[] = [];
  const visited = new Set<PdfValue>();
  const walk = (node: PdfValue | undefined, depth: number) => {
    if (!isDict(node) || depth > 16 || visited.has(node)) return;
    visited.add(node);
    const pairs = resolve(objects, node.entries.get('Names'));
    if (isArray(pairs)) {
      for (let i = 0; i + 1 < pairs.items.length; i += 2) {
        if (decodeText(pairs.items[i]) === fileName) matches.push(pairs.items[i + 1]!);
      }
    }
    const kids = resolve(objects, node.entries.get('Kids'));
    if (isArray(kids)) for (const kid of kids.items) walk(resolve(objects, kid), depth + 1);
  };
  walk(tree, 0);
  if (matches.length === 0) throw new EmbeddedDataError(`no embedded file named ${fileName}`);
  if (matches.length > 1) throw new EmbeddedDataError(`more than one embedded file named ${fileName}`);

  const filespec = resolve(objects, matches[0]);
  const ef = isDict(filespec) ? resolve(objects, filespec.entries.get('EF')) : undefined;
  const streamRef = isDict(ef) ? (ef.entries.get('UF') ?? ef.entries.get('F')) : undefined;
  const stream: PdfObject | undefined = isRef(streamRef) ? objects.get(streamRef.num) : undefined;
  if (!stream?.stream || !isDict(stream.value)) throw new EmbeddedDataError(`${fileName} has no file stream`);
  return decodeStream(pdf.bytes, stream);
}

function decodeStream(bytes: Buffer, object: PdfObject): Buffer {
  const dict = object.value as Extract<PdfValue, { type: 'dict' }>;
  const raw = bytes.subarray(object.stream!.start, object.stream!.end);
  const filter = dict.entries.get('Filter');
  const filters = filter === undefined ? [] : isArray(filter) ? filter.items : [filter];
  if (dict.entries.has('DecodeParms') || dict.entries.has('F')) throw new EmbeddedDataError('unsupported stream parameters');
  let data: Buffer = raw;
  for (const f of filters) {
    if (!isName(f, 'FlateDecode')) throw new EmbeddedDataError(`unsupported stream filter ${isName(f) ? `/${f.name}` : '?'}`);
    try {
      data = inflateSync(data, { maxOutputLength: MAX_DECODED_BYTES });
    } catch (error) {
      throw new EmbeddedDataError(`the embedded file cannot be decompressed (${(error as Error).message})`);
    }
  }
  return data;
}

/** Parses UTF-8 JSON strictly (BOM allowed; invalid UTF-8 and a key twice in one object refused). */
export function parseJsonBytes(data: Buffer): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new EmbeddedDataError('the embedded JSON is not valid UTF-8');
  }
  try {
    return parseStrictJson(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (error instanceof DuplicateKeyError) throw new DuplicateKeyDataError(error.path);
    throw new EmbeddedDataError(`the embedded JSON does not parse (${(error as Error).message})`);
  }
}
