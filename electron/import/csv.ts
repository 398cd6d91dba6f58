/**
 * A CSV parser (RFC 4180 and what spreadsheets write in practice): fields separated by a
 * delimiter, double-quoted fields with "" for a quote and line breaks inside, records ended by
 * CRLF, LF or CR, a final line break optional. Pure: text in, records out.
 */

export type Delimiter = ',' | ';' | '\t';

export interface CsvRecord {
  /** The 1-based line of the text the record starts on. */
  line: number;
  fields: string[];
}

export interface CsvOptions {
  /** The field separator; detected from the first line when absent (see detectDelimiter). */
  delimiter?: Delimiter;
  /** Leave out records whose every field is empty (blank lines, lines of only delimiters). */
  skipBlank?: boolean;
  /** Throw CsvTooLong once more records than this have been read (after skipping blank ones). */
  maxRecords?: number;
}

/** Text that is not CSV, e.g. a quoted field that never ends. */
export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
    this.line = line;
  }
}

export class CsvTooLong extends Error {
  readonly maxRecords: number;
  constructor(maxRecords: number) {
    super(`more than ${maxRecords} records`);
    this.name = 'CsvTooLong';
    this.maxRecords = maxRecords;
  }
}

/**
 * The delimiter of a file: a comma, unless its first line has no comma outside quotes but
 * has semicolons (European Excel) or tabs (Excel's "Unicode text"): then the more frequent one.
 */
export function detectDelimiter(text: string): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '\n' || ch === '\r') break;
    else if (ch === ',') commas++;
    else if (ch === ';') semicolons++;
    else if (ch === '\t') tabs++;
  }
  if (commas > 0 || (semicolons === 0 && tabs === 0)) return ',';
  return tabs >= semicolons ? '\t' : ';';
}

export function parseCsv(text: string, options: CsvOptions = {}): CsvRecord[] {
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const max = options.maxRecords ?? Infinity;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;

  const endRecord = () => {
    fields.push(field);
    field = '';
    if (!(options.skipBlank && fields.every((f) => f === ''))) {
      if (records.length >= max) throw new CsvTooLong(max);
      records.push({ line: recordLine, fields });
    }
    fields = [];
  };

  while (i < n) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      // A quoted field: up to the quote not followed by another quote.
      const startLine = line;
      i++;
      for (;;) {
        if (i >= n) throw new CsvSyntaxError(startLine, 'a quoted field starts here and never ends (a " is missing)');
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
        i++;
      }
      // Anything between the closing quote and the delimiter is kept as written (lenient).
      continue;
    }
    if (ch === delimiter) {
      fields.push(field);
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      i++;
    }
  }
  // A last record without a line break; a text that ends with a line break has no empty record after it.
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
