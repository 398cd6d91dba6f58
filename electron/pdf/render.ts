/**
 * pdfmake document definitions → PDF bytes, with the CJK fonts of fonts.ts: the shipped subset,
 * and for the few characters it lacks (rare name characters) the full system font, run by run.
 *
 * One private pdfmake instance for the process (its own fonts and access policies, so other
 * pdfmake users are not affected); parsed fonts are reused across documents (fonts.ts). pdfmake
 * mutates the fonts object it is given (a .ttc entry's file becomes a Buffer, and the next
 * document then crashes), so every document gets a fresh one.
 */
import { createRequire } from 'node:module';
import type { SheetRecord } from '../../shared/api/types.ts';
import { chooseFonts, codePointLabel, faceToken, loadFace, type FontChoice, type FontFace } from './fonts.ts';
import { FONT_FAMILY, sheetDocDefinition, type Content, type DocDefinition, type SheetPdfOptions } from './sheet.ts';

interface Pdfmake {
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  setFonts(fonts: Record<string, { normal: string; bold: string }>): void;
  virtualfs: { writeFileSync(name: string, data: Buffer): void; existsSync(name: string): boolean };
  createPdf(dd: unknown): { getBuffer(): Promise<Buffer> };
}

const shared = createRequire(import.meta.url)('pdfmake') as Pdfmake;
const pdfmake = new (shared.constructor as new () => Pdfmake)();
// Documents fetch nothing: fonts come from the virtual file system, embedded data from data: URLs.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => false);

/** The name under which a face's token sits in pdfmake's virtual file system. */
function virtualName(face: FontFace): string {
  const name = `scoresheet-font:${face.file}#${face.postscriptName ?? ''}`;
  if (!pdfmake.virtualfs.existsSync(name)) {
    if (!loadFace(face)) throw new Error(`cannot read the font ${face.file}`);
    pdfmake.virtualfs.writeFileSync(name, faceToken(face));
  }
  return name;
}

/** Where pdfmake keeps text: `text`, and the children of stacks, columns, lists and table bodies. */
const CHILD_KEYS = ['text', 'stack', 'columns', 'ul', 'ol'] as const;

/**
 * The same document with `fn` applied to every text. `fn` may turn a text into inline runs
 * (an array); unless the text is itself a `text` value they are wrapped as `{ text: runs }`.
 */
function mapTexts(node: Content, fn: (text: string) => string | Content[], isTextValue = false): Content {
  if (typeof node === 'string') {
    const out = fn(node);
    return typeof out === 'string' || isTextValue ? out : { text: out };
  }
  if (Array.isArray(node)) return node.map((n) => mapTexts(n, fn));
  const out: { [key: string]: unknown } = { ...node };
  for (const key of CHILD_KEYS) if (key in out) out[key] = mapTexts(out[key] as Content, fn, key === 'text');
  const table = out.table as { body?: Content[][] } | undefined;
  if (table?.body) out.table = { ...table, body: table.body.map((row) => row.map((cell) => mapTexts(cell, fn))) };
  return out;
}

/** Every text a document prints (the footer sampled for one page). */
export function documentTexts(dd: DocDefinition): string[] {
  const texts: string[] = [];
  const collect = (t: string) => {
    texts.push(t);
    return t;
  };
  mapTexts(dd.content, collect);
  mapTexts(dd.footer(1, 1), collect);
  return texts;
}

/**
 * Noto Sans CJK SC draws ‘ ’ “ ” full-width (as Chinese text wants them), which leaves a wide gap
 * in English ("region’s"): English documents print them straight.
 */
function straightQuotes(dd: DocDefinition): DocDefinition {
  const fix = (text: string) => text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
  const footer = dd.footer;
  return { ...dd, content: mapTexts(dd.content, fix) as Content[], footer: (page, count) => mapTexts(footer(page, count), fix) };
}

/** The family of the i-th full font, for characters the subset lacks. */
const fallbackFamily = (i: number) => `${FONT_FAMILY}Fallback${i}`;

/**
 * The document with the characters the subset lacks set in a full font, and those no font has
 * printed as their code point ([U+20BB7]).
 */
function withFallback(dd: DocDefinition, fonts: FontChoice): DocDefinition {
  if (fonts.fallbacks.length === 0 && fonts.missing.length === 0) return dd;
  const family = new Map<string, string>();
  fonts.fallbacks.forEach((f, i) => f.chars.forEach((ch) => family.set(ch, fallbackFamily(i))));
  const bad = new Set(fonts.missing);
  const fix = (text: string): string | Content[] => {
    const chars = [...text];
    if (!chars.some((ch) => family.has(ch) || bad.has(ch))) return text;
    const runs: Content[] = [];
    let plain = '';
    for (const ch of chars) {
      const font = family.get(ch);
      if (!font && !bad.has(ch)) {
        plain += ch;
        continue;
      }
      if (plain) runs.push({ text: plain });
      plain = '';
      runs.push(font ? { text: ch, font } : { text: codePointLabel(ch) });
    }
    if (plain) runs.push({ text: plain });
    return runs;
  };
  const footer = dd.footer;
  return { ...dd, content: mapTexts(dd.content, fix) as Content[], footer: (page, count) => mapTexts(footer(page, count), fix) };
}

export interface Rendered {
  pdf: Buffer;
  fonts: FontChoice;
}

/**
 * Render a document definition with the sheet fonts: the subset, and a full system font for the
 * characters the subset lacks.
 */
export async function renderDocument(dd: DocDefinition): Promise<Rendered> {
  const source = dd.language.startsWith('zh') ? dd : straightQuotes(dd);
  const fonts = chooseFonts(documentTexts(source));
  const doc = withFallback(source, fonts);
  // A fresh fonts object per document: pdfmake mutates it.
  const families: Record<string, { normal: string; bold: string }> = {
    [FONT_FAMILY]: { normal: virtualName(fonts.set.normal), bold: virtualName(fonts.set.bold) },
  };
  fonts.fallbacks.forEach(({ set }, i) => (families[fallbackFamily(i)] = { normal: virtualName(set.normal), bold: virtualName(set.bold) }));
  pdfmake.setFonts(families);
  const pdf = await pdfmake.createPdf(doc).getBuffer();
  return { pdf, fonts };
}

/** One person's monthly score sheet as a PDF (A4 portrait), with scoresheet.json embedded. */
export async function renderSheetPdf(record: SheetRecord, options: SheetPdfOptions): Promise<Buffer> {
  return (await renderDocument(sheetDocDefinition(record, options))).pdf;
}

/**
 * Warm the renderer up once the app has been idle for `delayMs` after start (the first export of
 * a session then does not pay for font loading). Failures are ignored: the first export loads the
 * fonts itself and reports any problem.
 */
export function warmUpWhenIdle(delayMs = 3000): void {
  setTimeout(() => void warmUpSheetRenderer().catch(() => undefined), delayMs).unref();
}

/**
 * Load and parse the sheet fonts ahead of the first export (the first sheet otherwise takes
 * ~0.5 s more); call it once, e.g. after the app window shows.
 */
export async function warmUpSheetRenderer(): Promise<void> {
  await renderDocument({
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [36, 34, 36, 40],
    info: {},
    language: 'zh-CN',
    content: [{ text: '月度绩效考核表 Monthly 0123456789', bold: true }, '考核项目 满分 扣分 得分'],
    footer: () => '',
    styles: {},
    defaultStyle: { font: FONT_FAMILY, fontSize: 8.5 },
    files: {},
  });
}
