/**
 * The published rubric file (docs/trust.md, "Rubrics"): how a rubric version travels from HQ to
 * the other databases. A one-page PDF that prints the rubric (id@version, title, the month it is
 * in force from, its hash, its weights and every item in words: shared/rubric/describe.ts) and
 * carries it as an embedded scoresheet.json of format "rubricfile/1" (the name the one verifier
 * reads), signed by a sales planning identity. The receiving database accepts it only when the
 * verifier finds one signature by a trusted sales planning signer, covering the whole file, and
 * the embedded rubric holds together (its hash its content's, a valid definition).
 */
import { canonicalJson, contentHash } from '../../shared/canonical.ts';
import { InputError, formatProblems, isPlainObject } from '../../shared/problems.ts';
import { loadRubric } from '../../shared/rubric/catalog.ts';
import { rubricAsText } from '../../shared/rubric/describe.ts';
import type { Rubric } from '../../shared/rubric/schema.ts';
import { RETURN_NOTE_FORMAT, SCORESHEET_FORMAT, SCORE_FILE_NAME } from '../../shared/score-file.ts';
import { renderDocument } from '../pdf/render.ts';
import { embeddedDataFile, FONT_FAMILY } from '../pdf/sheet.ts';
import { type DataProblem, type TrustedSigner, type Verdict, verifyPdf } from '../signing/index.ts';

export const RUBRIC_FILE_PDF_FORMAT = 'rubricfile/1';

/** The data a published rubric file embeds. */
export interface RubricFileJson {
  format: typeof RUBRIC_FILE_PDF_FORMAT;
  /** The content hash of `definition` (loadRubric's). */
  hash: string;
  definition: Record<string, unknown>;
  /** Who published it (the signer: the verifier checks the signature, this is for reading). */
  publishedBy: { name: string; fingerprint: string };
  publishedAt: string;
}

const HASH = /^sha256:[0-9a-f]{64}$/;

export function rubricFileJson(rubric: Rubric, publishedBy: { name: string; fingerprint: string }, publishedAt: string = new Date().toISOString()): RubricFileJson {
  const { hash, ...definition } = rubric;
  return { format: RUBRIC_FILE_PDF_FORMAT, hash, definition: JSON.parse(canonicalJson(definition)) as Record<string, unknown>, publishedBy: { ...publishedBy }, publishedAt };
}

/** The data check of a rubric file: its format, and a rubric whose hash is its content's. */
export function checkRubricFile(json: unknown): DataProblem | null {
  const notRubric = (message: string): DataProblem => ({ message, reason: { code: 'not-rubric-file' } });
  const inconsistent = (message: string): DataProblem => ({ message, reason: { code: 'data-inconsistent' } });
  if (!isPlainObject(json)) return notRubric('the embedded data is not a JSON object');
  if (json.format !== RUBRIC_FILE_PDF_FORMAT) {
    const what = json.format === SCORESHEET_FORMAT ? 'a score sheet' : json.format === RETURN_NOTE_FORMAT ? 'a return note' : `embedded format ${JSON.stringify(json.format) ?? 'none'}`;
    return notRubric(`this file is not a published rubric file (${what})`);
  }
  if (typeof json.hash !== 'string' || !HASH.test(json.hash)) return inconsistent('the rubric file has no content hash');
  if (!isPlainObject(json.definition)) return inconsistent('the rubric file has no rubric definition');
  const by = json.publishedBy;
  if (!isPlainObject(by) || typeof by.name !== 'string' || typeof by.fingerprint !== 'string') return inconsistent('publishedBy is not { name, fingerprint }');
  if (typeof json.publishedAt !== 'string') return inconsistent('publishedAt is not a time');
  const extra = Object.keys(json).filter((k) => !['format', 'hash', 'definition', 'publishedBy', 'publishedAt'].includes(k));
  if (extra.length) return inconsistent(`the rubric file has fields it should not: ${extra.join(', ')}`);
  let rubric: Rubric;
  try {
    rubric = loadRubric(json.definition);
  } catch (err) {
    if (err instanceof InputError) return inconsistent(`the embedded rubric is not valid: ${formatProblems(err.problems, 'rubric')}`);
    throw err;
  }
  if (rubric.hash !== json.hash || contentHash(json.definition) !== json.hash) return inconsistent(`the embedded rubric's hash ${json.hash} is not the hash of its content (${rubric.hash})`);
  return null;
}

export async function renderRubricFile(file: RubricFileJson, language: 'zh' | 'en'): Promise<Buffer> {
  const rubric = loadRubric(file.definition);
  const zh = language === 'zh';
  const at = new Date(file.publishedAt);
  const json = JSON.stringify(file);
  const row = (label: string, value: string) => [{ text: label, color: '#5f6b76', noWrap: true }, { text: value, bold: true }];
  const { pdf } = await renderDocument({
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [40, 40, 40, 40],
    info: { title: `${zh ? '考核细则' : 'Rubric'} ${rubric.id}@${rubric.version}`, creator: 'Staff Assessment' },
    language: zh ? 'zh-CN' : 'en',
    content: [
      { text: zh ? '考核细则（销售计划部发布）' : 'Rubric published by sales planning', fontSize: 15, bold: true, margin: [0, 0, 0, 8] },
      {
        table: {
          widths: ['auto', '*'],
          body: [
            row(zh ? '细则' : 'Rubric', `${rubric.id}@${rubric.version} · ${rubric.title[language]}`),
            row(zh ? '生效月份' : 'In force from', rubric.effectiveFrom),
            row(zh ? '哈希' : 'Hash', rubric.hash),
            row(zh ? '发布人' : 'Published by', `${file.publishedBy.name} · ${file.publishedBy.fingerprint}`),
            row(zh ? '发布时间' : 'Published at', file.publishedAt),
          ],
        },
        layout: 'noBorders',
      },
      { text: zh ? '考核项目' : 'Items', bold: true, margin: [0, 12, 0, 4] },
      { text: rubricAsText(rubric, language), fontSize: 7, preserveLeadingSpaces: true },
    ],
    footer: () => ({ text: `${RUBRIC_FILE_PDF_FORMAT} · ${SCORE_FILE_NAME}`, fontSize: 6, color: '#8a949e', margin: [40, 12, 40, 0] }),
    styles: {},
    defaultStyle: { font: FONT_FAMILY, fontSize: 9.5 },
    files: embeddedDataFile(json, `Published rubric (${RUBRIC_FILE_PDF_FORMAT})`, at),
  });
  return pdf;
}

/** Verify a published rubric file: one signature, by a trusted sales planning signer; the rubric it carries. */
export async function verifyRubricFile(pdf: Buffer, trusted: TrustedSigner[]): Promise<{ verdict: Verdict; rubric: Rubric | null }> {
  const verdict = await verifyPdf(pdf, { trusted, expectedChain: ['planning'], checkData: checkRubricFile });
  if (!verdict.ok) return { verdict, rubric: null };
  return { verdict, rubric: loadRubric((verdict.data as RubricFileJson).definition) };
}
