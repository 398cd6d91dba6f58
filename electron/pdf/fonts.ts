/**
 * Fonts for the PDF score sheets.
 *
 * The sheets embed a subset of Noto Sans CJK SC (resources/fonts/, made by
 * scripts/make-font-subset.py: GB2312 + common name characters + Latin + punctuation). Before a
 * document is rendered, every character of its text is checked against the subset's cmap; the
 * characters it lacks (a rare name character such as 𠮷) are printed with the full system font
 * (Noto Sans CJK SC from the OS), and what no font can show is reported and printed as its code
 * point, never as an empty box.
 *
 * Speed: fontkit parses a font lazily, but pdfkit calls fontkit.create() for every document, so
 * the CFF table, cmap and glyph cache were rebuilt each time. Parsed fonts are kept here, once
 * per process, and handed to pdfkit through a fontkit format (fontkit.registerFormat, its public
 * extension point) that recognises a small token buffer and returns the parsed font. Each
 * document still gets its own subset of it (EmbeddedFont.createSubset), so sharing is safe.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bits of a fontkit font this module uses. */
export interface FontkitFont {
  postscriptName: string;
  hasGlyphForCodePoint(codePoint: number): boolean;
}

interface FontkitFormat {
  probe(buffer: Uint8Array): boolean;
  new (stream: { buffer: Uint8Array }): object;
}

interface Fontkit {
  create(buffer: Uint8Array, postscriptName?: string): FontkitFont | { fonts: FontkitFont[] };
  registerFormat(format: FontkitFormat): void;
}

/** A regular and a bold face: a file and, for a collection (.ttc), the PostScript name of the face. */
export interface FontFace {
  file: string;
  postscriptName?: string;
}
export interface FontSet {
  /** A name for messages and tests: 'subset', 'system:…'. */
  id: string;
  normal: FontFace;
  bold: FontFace;
}

export const SUBSET_FILES = { normal: 'NotoSansSC-Sheet-Regular.otf', bold: 'NotoSansSC-Sheet-Bold.otf' } as const;

/** The fonts shipped with the app: resources/fonts/ (two levels up from electron/pdf/ and from out/main/). */
let fontDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'fonts');

/** Point at another resources/fonts folder (the packaged app, tests). */
export function setFontDirectory(dir: string): void {
  fontDir = dir;
}
export function fontDirectory(): string {
  return fontDir;
}

export function subsetFontSet(): FontSet {
  return { id: 'subset', normal: { file: join(fontDir, SUBSET_FILES.normal) }, bold: { file: join(fontDir, SUBSET_FILES.bold) } };
}

const noto = (dir: string): FontSet => ({
  id: `system:${dir}`,
  normal: { file: join(dir, 'NotoSansCJK-Regular.ttc'), postscriptName: 'NotoSansCJKsc-Regular' },
  bold: { file: join(dir, 'NotoSansCJK-Bold.ttc'), postscriptName: 'NotoSansCJKsc-Bold' },
});

/** Windows' own CJK fonts: Microsoft YaHei, then SimSun-ExtB (CJK Extension B, e.g. 𠮷). Not tested here (no Windows). */
function windowsSets(env: NodeJS.ProcessEnv): FontSet[] {
  const fonts = win32.join(env.WINDIR ?? 'C:\\Windows', 'Fonts');
  return [
    { id: 'system:msyh', normal: { file: win32.join(fonts, 'msyh.ttc'), postscriptName: 'MicrosoftYaHei' }, bold: { file: win32.join(fonts, 'msyhbd.ttc'), postscriptName: 'MicrosoftYaHei-Bold' } },
    { id: 'system:simsun-extb', normal: { file: win32.join(fonts, 'simsunb.ttf') }, bold: { file: win32.join(fonts, 'simsunb.ttf') } },
  ];
}

/**
 * Full fonts tried, in order, when the subset lacks a character: Noto Sans CJK SC where Linux
 * distributions install it (Debian/Ubuntu, Arch, Fedora), and Windows' own CJK fonts. Missing
 * files (and faces fontkit cannot read) are skipped.
 */
let fallbackSets: FontSet[] =
  process.platform === 'win32'
    ? windowsSets(process.env)
    : [noto('/usr/share/fonts/opentype/noto'), noto('/usr/share/fonts/noto-cjk'), noto('/usr/share/fonts/google-noto-cjk')];

/** Replace the list of full fonts tried when the subset lacks a character. */
export function setFallbackFonts(sets: FontSet[]): void {
  fallbackSets = [...sets];
}
export function fallbackFonts(): FontSet[] {
  return [...fallbackSets];
}

// --- fontkit: the copy pdfkit uses (pdfmake → pdfkit → fontkit), not another one in node_modules.
const requireHere = createRequire(import.meta.url);
const requirePdfkit = createRequire(requireHere.resolve('pdfmake'));
const fontkit = createRequire(requirePdfkit.resolve('pdfkit'))('fontkit') as Fontkit;

const parsed = new Map<string, FontkitFont>();
const TOKEN_MAGIC = 'SCFK';

/** Hands pdfkit a font parsed earlier: its "file" is TOKEN_MAGIC + the cache key. */
function CachedFontFormat(this: unknown, stream: { buffer: Uint8Array }): FontkitFont {
  const key = Buffer.from(stream.buffer).subarray(TOKEN_MAGIC.length).toString('utf8');
  const font = parsed.get(key);
  if (!font) throw new Error(`font ${key} was not loaded`);
  return font;
}
CachedFontFormat.probe = (buffer: Uint8Array): boolean => buffer.length > TOKEN_MAGIC.length && Buffer.from(buffer.subarray(0, TOKEN_MAGIC.length)).toString('latin1') === TOKEN_MAGIC;
fontkit.registerFormat(CachedFontFormat as unknown as FontkitFormat);

const keyOf = (face: FontFace) => (face.postscriptName ? `${face.file}#${face.postscriptName}` : face.file);

/** The parsed font of a face, read and parsed once per process; null when the file is missing or unreadable. */
export function loadFace(face: FontFace): FontkitFont | null {
  const key = keyOf(face);
  const hit = parsed.get(key);
  if (hit) return hit;
  if (!existsSync(face.file)) return null;
  try {
    const font = fontkit.create(readFileSync(face.file), face.postscriptName);
    if (!font || !('hasGlyphForCodePoint' in font)) return null; // a collection without that face
    memoizeLayout(font as FontkitFont & Layoutable);
    parsed.set(key, font);
    return font;
  } catch {
    return null;
  }
}

// --- Shaped text, shared across documents.
//
// pdfkit shapes every word it measures or prints (font.layout: cmap lookup, GSUB, GPOS) and keeps
// the result only for the one document. Shaping depends on nothing but the font and the text, so
// the runs are kept here per font, and every caller gets its own copy (pdfkit scales the positions
// of the run it is given in place).

interface GlyphPositionLike {
  [key: string]: number;
}
interface GlyphRunLike {
  glyphs: object[];
  positions: GlyphPositionLike[];
}
interface Layoutable {
  layout(text: string, ...rest: unknown[]): GlyphRunLike;
}

/** Distinct texts kept per font before the cache starts over (words and phrases: a few KB each at most). */
const LAYOUT_CACHE_LIMIT = 20_000;

function copyRun(run: GlyphRunLike): GlyphRunLike {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRunLike, run);
  copy.glyphs = run.glyphs.slice();
  copy.positions = run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p) as object) as GlyphPositionLike, p));
  return copy;
}

function memoizeLayout(font: Layoutable): void {
  const shape = font.layout.bind(font);
  const runs = new Map<string, GlyphRunLike>();
  font.layout = (text: string, ...rest: unknown[]): GlyphRunLike => {
    // Only plain calls (no features, script, language or direction) are shared.
    if (typeof text !== 'string' || rest.some((r) => r !== undefined)) return shape(text, ...rest);
    let run = runs.get(text);
    if (!run) {
      if (runs.size >= LAYOUT_CACHE_LIMIT) runs.clear();
      run = shape(text);
      runs.set(text, run);
    }
    return copyRun(run);
  };
}

/** The token pdfkit gets instead of the font file (see CachedFontFormat). Load the face first. */
export function faceToken(face: FontFace): Buffer {
  return Buffer.from(TOKEN_MAGIC + keyOf(face), 'utf8');
}

/** Characters that need no glyph: control characters (line breaks, tabs), zero-width spaces and joiners. */
function invisible(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp < 0x20 || cp === 0x7f || (cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff;
}

/** The distinct characters of some texts, by code point (so 𠮷 is one character, not two halves). */
export function distinctChars(texts: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const text of texts) for (const ch of text) if (!invisible(ch)) seen.add(ch);
  return [...seen];
}

/** The characters of `chars` that a font set cannot show (in either weight); null when the set's files are missing. */
export function missingIn(set: FontSet, chars: readonly string[]): string[] | null {
  const normal = loadFace(set.normal);
  const bold = loadFace(set.bold);
  if (!normal || !bold) return null;
  return chars.filter((ch) => {
    const cp = ch.codePointAt(0)!;
    return !normal.hasGlyphForCodePoint(cp) || !bold.hasGlyphForCodePoint(cp);
  });
}

export interface FontChoice {
  /** The shipped subset: everything it can show is printed with it. */
  set: FontSet;
  /** Full fonts for the characters the subset lacks: each character goes to the first font that has it. */
  fallbacks: { set: FontSet; chars: string[] }[];
  /** Characters no font can show (printed as their code point). */
  missing: string[];
}

/**
 * The fonts for a document: the subset for every character it has; each other character goes to
 * the first full font (setFallbackFonts) that has it; what none has is reported in `missing`.
 */
export function chooseFonts(texts: Iterable<string>): FontChoice {
  const chars = distinctChars(texts);
  const subset = subsetFontSet();
  let left = missingIn(subset, chars);
  if (left === null) throw new Error(`the PDF fonts are missing: ${subset.normal.file}, ${subset.bold.file}`);
  const fallbacks: FontChoice['fallbacks'] = [];
  for (const set of fallbackSets) {
    if (left.length === 0) break;
    const stillMissing = missingIn(set, left);
    if (stillMissing === null || stillMissing.length === left.length) continue;
    const missing = new Set(stillMissing);
    fallbacks.push({ set, chars: left.filter((c) => !missing.has(c)) });
    left = stillMissing;
  }
  return { set: subset, fallbacks, missing: left };
}

/** How a character no font can show is printed: its code point, e.g. [U+20BB7]. */
export function codePointLabel(ch: string): string {
  return `[U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`;
}
