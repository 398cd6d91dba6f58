/**
 * Strict JSON: JSON.parse keeps the last of two equal keys, other parsers the first or both, so a
 * signed file whose data says `{"monthlyScore": 91.5, …, "monthlyScore": 100}` reads differently
 * in different programs. Signed data is refused when any object, at any depth, names a key twice
 * — keys compared as the strings they decode to ("a" and "\u0061" are one key).
 */

export class DuplicateKeyError extends Error {
  /** Where the second one is, as "output.monthlyScore" or "input.items[2].id". */
  readonly path: string;
  constructor(path: string) {
    super(`the key ${path} occurs twice in one object`);
    this.name = 'DuplicateKeyError';
    this.path = path;
  }
}

type Frame = { kind: 'object'; keys: Set<string>; key: string | null } | { kind: 'array'; index: number };

function pathOf(frames: readonly Frame[]): string {
  let path = '';
  for (const frame of frames) {
    if (frame.kind === 'array') path += `[${frame.index}]`;
    else if (frame.key !== null) path += path ? `.${frame.key}` : frame.key;
  }
  return path;
}

/**
 * The path of the first key that occurs twice in one object of `text`, or null. `text` must be
 * JSON that JSON.parse accepts (this scan relies on it: it does not check the grammar). Runs
 * with its own stack, so hostile nesting cannot overflow the call stack.
 */
export function findDuplicateKey(text: string): string | null {
  const frames: Frame[] = [];
  let expectKey = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '{') {
      frames.push({ kind: 'object', keys: new Set(), key: null });
      expectKey = true;
      i++;
    } else if (c === '[') {
      frames.push({ kind: 'array', index: 0 });
      expectKey = false;
      i++;
    } else if (c === '}' || c === ']') {
      frames.pop();
      expectKey = false;
      i++;
    } else if (c === ',') {
      const top = frames[frames.length - 1];
      if (top?.kind === 'array') top.index++;
      expectKey = top?.kind === 'object';
      i++;
    } else if (c === ':') {
      expectKey = false;
      i++;
    } else if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = frames[frames.length - 1];
      if (expectKey && top?.kind === 'object') {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) {
          top.key = key;
          return pathOf(frames);
        }
        top.keys.add(key);
        top.key = key;
      }
      expectKey = false;
      i = end + 1;
    } else {
      i++; // white space, a number, true, false, null
    }
  }
  return null;
}

/** JSON.parse, refusing a key that occurs twice in one object (DuplicateKeyError). */
export function parseStrictJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  const duplicate = findDuplicateKey(text);
  if (duplicate !== null) throw new DuplicateKeyError(duplicate);
  return value;
}
