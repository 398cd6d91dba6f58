/**
 * The rule for what a later signer may add to the file.
 *
 * Each signature after the first is an incremental update written by placeholder-plain, which
 * appends exactly (see placeholder.ts):
 *   - a new /Type /Sig dictionary (the signature itself),
 *   - a new /Type /Annot /Subtype /Widget /FT /Sig field with /V → that signature, /P → the page,
 *     and no appearance stream (/AP would let a "signature" paint over the page),
 *   - the AcroForm (new, or the existing one rewritten) with /Fields = the old fields + the widget,
 *   - the catalog re-written only to add /AcroForm (first signature only),
 *   - the page re-written only to append the widget to /Annots,
 *   - a cross-reference table and trailer with the same /Root and /Info.
 * Anything else in the bytes between two signed revisions — any stream (page content, embedded
 * file, appearance), any other new or changed object, a changed /Root — is refused.
 */
import {
  type ParsedPdf,
  type PdfDict,
  type PdfObject,
  type PdfValue,
  isArray,
  isDict,
  isName,
  isRef,
  objectsAsOf,
  pdfEqual,
  resolve,
  trailerAsOf,
} from './pdf-objects.ts';

export interface SignedRevision {
  /** Object number of the signature dictionary. */
  sigObject: number;
  /** End of the signed revision (ByteRange b + c). */
  end: number;
}

const SIG_KEYS = new Set(['Type', 'Filter', 'SubFilter', 'ByteRange', 'Contents', 'Reason', 'M', 'ContactInfo', 'Name', 'Location', 'Comment', 'Prop_Build']);
const WIDGET_KEYS = new Set(['Type', 'Subtype', 'FT', 'Rect', 'V', 'T', 'F', 'P']);
const ACROFORM_KEYS = new Set(['Type', 'SigFlags', 'Fields']);

/**
 * Checks every revision after the first signed one. Returns null, or why the update at
 * `revisions[index]` is refused.
 */
export function checkLaterRevisions(pdf: ParsedPdf, revisions: SignedRevision[]): string | null {
  for (let k = 1; k < revisions.length; k++) {
    const why = checkRevision(pdf, revisions[k - 1]!.end, revisions[k]!);
    if (why) return `signature #${k + 1}'s update: ${why}`;
  }
  return null;
}

function checkRevision(pdf: ParsedPdf, from: number, revision: SignedRevision): string | null {
  const before = objectsAsOf(pdf, from);
  const after = objectsAsOf(pdf, revision.end);
  const added = pdf.objects.filter((o) => o.start >= from && o.end <= revision.end);

  const trailerBefore = trailerAsOf(pdf, from);
  for (const section of pdf.sections.filter((s) => s.start >= from && s.end <= revision.end)) {
    for (const key of ['Root', 'Info']) {
      if (!pdfEqual(section.trailer.entries.get(key), trailerBefore?.entries.get(key))) return `the trailer changes /${key}`;
    }
  }
  const rootRef = trailerBefore?.entries.get('Root');
  if (!isRef(rootRef)) return 'no document catalog';

  const seen = new Set<number>();
  for (const object of added) {
    if (seen.has(object.num)) return `object ${object.num} is written twice`;
    seen.add(object.num);
    if (object.stream) return `it adds or replaces a stream (object ${object.num}${describe(object.value)})`;
  }

  // 1. The signature dictionary.
  const sigs = added.filter((o) => isDict(o.value) && isName(o.value.entries.get('Type'), 'Sig'));
  if (sigs.length !== 1 || sigs[0]!.num !== revision.sigObject) return 'it must add exactly one signature dictionary, its own';
  const sig = sigs[0]!;
  if (before.has(sig.num)) return `the signature re-uses object number ${sig.num}`;
  const extraSigKey = [...(sig.value as PdfDict).entries.keys()].find((k) => !SIG_KEYS.has(k));
  if (extraSigKey) return `the signature dictionary has an unexpected /${extraSigKey}`;

  // 2. Its widget.
  const widgets = added.filter((o) => isDict(o.value) && isName(o.value.entries.get('Subtype'), 'Widget'));
  if (widgets.length !== 1) return 'it must add exactly one signature widget';
  const widget = widgets[0]!;
  const w = widget.value as PdfDict;
  if (before.has(widget.num)) return `the widget re-uses object number ${widget.num}`;
  if (!isName(w.entries.get('Type'), 'Annot') || !isName(w.entries.get('FT'), 'Sig')) return 'the widget is not a signature field';
  const extraWidgetKey = [...w.entries.keys()].find((k) => !WIDGET_KEYS.has(k));
  if (extraWidgetKey) return `the signature widget has an unexpected /${extraWidgetKey}`;
  const v = w.entries.get('V');
  if (!isRef(v) || v.num !== sig.num) return 'the widget does not point at the new signature';
  const pageRef = w.entries.get('P');
  const pageBefore = isRef(pageRef) ? before.get(pageRef.num) : undefined;
  if (!pageBefore || !isDict(pageBefore.value) || !isName(pageBefore.value.entries.get('Type'), 'Page')) {
    return "the widget's /P is not an existing page";
  }

  // 3. The catalog: unchanged, except /AcroForm.
  const catalogBefore = resolve(before, rootRef);
  const catalogAfter = resolve(after, rootRef);
  if (!isDict(catalogBefore) || !isDict(catalogAfter)) return 'no document catalog';
  const catalogDiff = differingKeys(catalogBefore, catalogAfter).filter((k) => k !== 'AcroForm');
  if (catalogDiff.length) return `it changes the document catalog (/${catalogDiff.join(', /')})`;
  const acroFormRef = catalogAfter.entries.get('AcroForm');
  if (!isRef(acroFormRef)) return 'no AcroForm after the update';
  const acroFormBeforeRef = catalogBefore.entries.get('AcroForm');
  if (acroFormBeforeRef !== undefined && !pdfEqual(acroFormBeforeRef, acroFormRef)) return 'it moves the AcroForm';

  // 4. The AcroForm: the old fields plus the new widget.
  const acroForm = resolve(after, acroFormRef);
  if (!isDict(acroForm)) return 'the AcroForm is missing';
  const extraFormKey = [...acroForm.entries.keys()].find((k) => !ACROFORM_KEYS.has(k));
  if (extraFormKey) return `the AcroForm has an unexpected /${extraFormKey}`;
  const acroFormOld = resolve(before, acroFormRef);
  const oldFields = isDict(acroFormOld) ? acroFormOld.entries.get('Fields') : undefined;
  const why = appendsOnly(oldFields, acroForm.entries.get('Fields'), widget.num, '/Fields');
  if (why) return why;

  // 5. The page: unchanged, except the widget appended to /Annots.
  const pageAfter = after.get(pageBefore.num)!;
  if (pageAfter !== pageBefore) {
    const page = pageAfter.value as PdfDict;
    const pageDiff = differingKeys(pageBefore.value as PdfDict, page).filter((k) => k !== 'Annots');
    if (pageDiff.length) return `it changes the page (/${pageDiff.join(', /')})`;
    const annotsWhy = appendsOnly((pageBefore.value as PdfDict).entries.get('Annots'), page.entries.get('Annots'), widget.num, '/Annots');
    if (annotsWhy) return annotsWhy;
  }

  // 6. Nothing else.
  const allowed = new Set([sig.num, widget.num, acroFormRef.num, rootRef.num, pageBefore.num]);
  const other = added.find((o) => !allowed.has(o.num));
  if (other) return `it ${before.has(other.num) ? 'replaces' : 'adds'} object ${other.num}${describe(other.value)}, which is not part of a signature`;
  return null;
}

function differingKeys(a: PdfDict, b: PdfDict): string[] {
  const keys = new Set([...a.entries.keys(), ...b.entries.keys()]);
  return [...keys].filter((k) => !pdfEqual(a.entries.get(k), b.entries.get(k)));
}

/** `after` must be `before` (an array of references, or absent) plus exactly the new widget. */
function appendsOnly(before: PdfValue | undefined, after: PdfValue | undefined, widget: number, what: string): string | null {
  const old = before === undefined ? [] : isArray(before) ? before.items : null;
  if (!old || !isArray(after)) return `${what} is not a plain array`;
  const items = after.items;
  const prefixKept = old.every((item, i) => pdfEqual(item, items[i]));
  const tail = items.slice(old.length);
  if (!prefixKept || tail.length !== 1 || !isRef(tail[0]) || tail[0].num !== widget) {
    return `${what} must keep the old entries and add only the new signature widget`;
  }
  return null;
}

function describe(value: PdfObject['value']): string {
  if (!isDict(value)) return '';
  const type = value.entries.get('Type');
  const subtype = value.entries.get('Subtype');
  const parts = [isName(type) ? `/${type.name}` : '', isName(subtype) ? `/${subtype.name}` : ''].filter(Boolean);
  return parts.length ? ` (${parts.join(' ')})` : '';
}
