/**
 * PDF score sheets, checked with real tools (poppler-utils, qpdf): text, embedded data, fonts,
 * pages and size, on demo sheets of all three roles in both languages.
 *
 * Set SHEET_PNG_DIR=/some/dir to keep the PDFs and a PNG of every page there for a look.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetRecord } from '../../shared/api/types.ts';
import { leafItems, allGroups } from '../../shared/rubric/schema.ts';
import { BUILTIN_RUBRICS } from '../../shared/rubric/catalog.ts';
import { scoreSheet } from '../../shared/scoring/engine.ts';
import type { SheetInput } from '../../shared/scoring/input.ts';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { loadDemo } from '../../electron/services/demo.ts';
import { getSheet, monthRows } from '../../electron/services/sheets.ts';
import { chooseFonts, distinctChars, fallbackFonts, missingIn, setFallbackFonts, subsetFontSet } from '../../electron/pdf/fonts.ts';
import { renderDocument, renderSheetPdf } from '../../electron/pdf/render.ts';
import { formatPoints, sheetDocDefinition, sheetKpis, type SheetPdfOptions } from '../../electron/pdf/sheet.ts';
import { chainStepsFor } from '../../shared/chain.ts';
import { scoresheetJson, type ChainEntry } from '../../shared/score-file.ts';
import { personFigures } from '../../electron/services/figures.ts';
import { KPI_BY_ID, KPIS, PLAN_COMPLETION_NAME, planCompletionPercent } from '../../shared/kpi.ts';
import { createHandlers } from '../../electron/handlers.ts';
import { bind } from '../helpers/call.ts';

const TOOLS = ['pdftotext', 'pdfinfo', 'pdffonts', 'pdfdetach', 'pdftoppm', 'qpdf'];
for (const tool of TOOLS) {
  if (spawnSync('which', [tool]).status !== 0) throw new Error(`${tool} is not installed: apt-get install poppler-utils qpdf`);
}

const run = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });
const pdftext = (file: string) => run('pdftotext', '-layout', file, '-');
/** Text without layout spaces and line breaks (and with straight quotes, as English sheets print them), for finding phrases. */
const flat = (text: string) =>
  text
    .replace(/\s+/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"');
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', file))![1]);

const EXPORTED_AT = '2026-11-03T09:30:00.000Z';
const COMPANY = '东方机械股份有限公司';

let dir: string;
let db: Db;
const pngDir = process.env.SHEET_PNG_DIR;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pdf-sheet-test-'));
  db = openDatabase(join(dir, 'demo.db'));
  loadDemo(db, new Date(2026, 10, 15)); // sheets for 2026-05 … 2026-10
  if (pngDir) mkdirSync(pngDir, { recursive: true });
});

afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const PERIODS = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];

/** The demo sheet of a role with the most to show: late hand-ins, gates, flags, notes, deductions. */
function richestSheet(role: SheetRecord['person']['role']): SheetRecord {
  let best: { record: SheetRecord; score: number } | undefined;
  for (const period of PERIODS) {
    for (const row of monthRows(db, { period })) {
      if (row.role !== role || row.status !== 'ready') continue;
      const record = getSheet(db, { personId: row.personId, period });
      const r = record.result;
      const score =
        4 * r.items.filter((i) => i.late).length +
        4 * r.groups.filter((g) => g.gated).length +
        3 * r.flags.length +
        2 * r.items.filter((i) => i.note).length +
        r.items.filter((i) => i.deduction > 0).length +
        ((record.input.absences ?? []).length ? 1 : 0);
      if (!best || score > best.score) best = { record, score };
    }
  }
  return best!.record;
}

function sheetOf(employeeNo: string, period = '2026-09'): SheetRecord {
  const row = monthRows(db, { period }).find((r) => r.employeeNo === employeeNo)!;
  return getSheet(db, { personId: row.personId, period });
}

function chainFor(record: SheetRecord): ChainEntry[] {
  // The first step signed, the rest still open.
  const [first] = chainStepsFor(record.person.role);
  return [{ role: first!, name: '王磊', at: '2026-11-02T08:15:00.000Z' }];
}

function optionsFor(record: SheetRecord, language: 'zh' | 'en'): SheetPdfOptions {
  return { language, company: COMPANY, scorer: '王磊', regionName: '华东区', chain: chainFor(record), exportedAt: EXPORTED_AT };
}

async function writePdf(name: string, pdf: Buffer): Promise<string> {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  if (pngDir) {
    writeFileSync(join(pngDir, `${name}.pdf`), pdf);
    run('pdftoppm', '-r', '80', '-png', file, join(pngDir, name));
  }
  return file;
}

const ROLES = ['salesperson', 'regional-manager', 'field-service'] as const;
const LANGS = ['zh', 'en'] as const;

describe('score sheet PDFs of the demo, all roles, both languages', () => {
  const files = new Map<string, { file: string; record: SheetRecord; pdf: Buffer; options: SheetPdfOptions }>();

  beforeAll(async () => {
    for (const role of ROLES) {
      const record = richestSheet(role);
      for (const language of LANGS) {
        const options = optionsFor(record, language);
        const pdf = await renderSheetPdf(record, options);
        files.set(`${role}-${language}`, { file: await writePdf(`${role}-${language}`, pdf), record, pdf, options });
      }
    }
  }, 60_000);

  it.each(ROLES.flatMap((role) => LANGS.map((lang) => [role, lang] as const)))('%s (%s): one page, under 200 KB, qpdf-clean', (role, lang) => {
    const { file, pdf } = files.get(`${role}-${lang}`)!;
    expect(pages(file)).toBe(1);
    expect(pdf.length).toBeLessThan(200 * 1024);
    const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it.each(ROLES.flatMap((role) => LANGS.map((lang) => [role, lang] as const)))('%s (%s): pdftotext shows the titles, the items and the totals as the result prints them', (role, lang) => {
    const { file, record } = files.get(`${role}-${lang}`)!;
    const text = pdftext(file);
    const f = flat(text);
    const r = record.result;
    expect(f).toContain(flat(lang === 'zh' ? '月度绩效考核表' : 'Monthly assessment sheet'));
    expect(f).toContain(flat(COMPANY));
    expect(f).toContain(record.person.name);
    expect(f).toContain(record.person.employeeNo);
    expect(f).toContain(flat(record.rubric.title[lang]));
    // Every group and item title that fits on one line of its column (longer ones wrap).
    const titles = [...allGroups(record.rubric.items).map((g) => g.title[lang]), ...leafItems(record.rubric.items).map((l) => l.item.title[lang])];
    for (const title of titles.filter((t) => (lang === 'zh' ? t.length <= 17 : t.length <= 34))) expect(f).toContain(flat(title));
    // The formula with the result's numbers, e.g. 88 × 70% + 92 × 30% = 89.2
    const w = record.rubric.weights;
    expect(f).toContain(flat(`${formatPoints(r.dailyScore)} × ${w.daily}% + ${formatPoints(r.attendance.score)} × ${w.attendance}% = ${formatPoints(r.monthlyScore)}`));
    // Each item's line: its title, then max, deduction (×2 when doubled) and points from the result.
    const lines = text.split('\n');
    for (const item of r.items) {
      const title = flat(leafTitle(record, item.id, lang)).slice(0, 10);
      const max = item.penalty ? '—' : formatPoints(item.max);
      const numbers = new RegExp(`${escape(max)}\\s+${escape(formatPoints(item.deduction))}(\\s*×2)?\\s+${escape(formatPoints(item.points))}(\\s|$)`);
      const candidates = lines.filter((l) => flat(l).includes(title));
      expect(candidates.some((l) => numbers.test(l)), `${item.id}: ${numbers} in ${JSON.stringify(candidates)}`).toBe(true);
    }
    // The rubric id@version and hash in the small print.
    expect(f).toContain(`${record.rubric.id}@${record.rubric.version}`);
    expect(f).toContain(record.rubric.hash);
    // The signature panel: every step, the signed one with its name.
    const labels = lang === 'zh' ? { manager: '区域经理', planning: '销售计划部', vp: '销售副总经理', hr: '人力资源部' } : { manager: 'Regional manager', planning: 'Sales planning', vp: 'Sales VP', hr: 'Human resources' };
    for (const step of chainStepsFor(record.person.role)) expect(f).toContain(flat(labels[step]));
  });

  it('the Chinese salesperson sheet names 返利表 and 广告计划表, and marks late, doubled and gated items', () => {
    const { file, record } = files.get('salesperson-zh')!;
    const f = flat(pdftext(file));
    expect(f).toContain('返利表');
    expect(f).toContain('广告计划表');
    for (const item of record.result.items) {
      if (item.late) expect(f).toContain('迟交');
      if (item.doubled) expect(f).toContain(flat('×2 连续未交'));
      if (item.note) expect(f).toContain(flat(item.note));
    }
    if (record.result.groups.some((g) => g.gated)) expect(f).toContain('门槛未通过');
  });

  it.each(ROLES.flatMap((role) => LANGS.map((lang) => [role, lang] as const)))('%s (%s): scoresheet.json is embedded and equals scoresheetJson()', (role, lang) => {
    const { file, record, options } = files.get(`${role}-${lang}`)!;
    expect(run('pdfdetach', '-list', file)).toMatch(/1: scoresheet\.json/);
    const out = join(dir, `${role}-${lang}.json`);
    run('pdfdetach', '-save', '1', '-o', out, file);
    const embedded = JSON.parse(readFileSync(out, 'utf8'));
    expect(embedded).toEqual(scoresheetJson(record, options.chain, EXPORTED_AT));
    expect(embedded.format).toBe('scoresheet/1');
    expect(embedded.rubric.hash).toBe(record.result.rubric.hash);
    expect(embedded.output.monthlyScore).toBe(record.result.monthlyScore);
  });

  it.each(ROLES.flatMap((role) => LANGS.map((lang) => [role, lang] as const)))('%s (%s): the CJK font is embedded as a subset, and nothing else', (role, lang) => {
    const { file } = files.get(`${role}-${lang}`)!;
    const rows = run('pdffonts', file).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+NotoSansCJKsc-(Regular|Bold)\s/);
      expect(row).toMatch(/\syes\s+yes\s+yes\s/); // emb sub uni
    }
  });
});

/** The title of an item or the groups it sits in, for finding its line. */
function leafTitle(record: SheetRecord, id: string, lang: 'zh' | 'en'): string {
  return leafItems(record.rubric.items).find((l) => l.item.id === id)!.item.title[lang];
}
function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('names with rare characters never print as empty boxes', () => {
  it('喆, 堃 and 玥 are in the subset (no fallback needed)', async () => {
    for (const [no, name] of [['S-206', '郑喆'], ['S-207', '梁堃'], ['S-205', '罗玥']] as const) {
      const record = sheetOf(no, '2026-08');
      expect(record.person.name).toBe(name);
      const { pdf, fonts } = await renderDocument(sheetDocDefinition(record, optionsFor(record, 'zh')));
      expect(fonts.fallbacks).toEqual([]);
      expect(fonts.missing).toEqual([]);
      expect(flat(pdftext(await writePdf(`name-${no}`, pdf)))).toContain(name);
    }
  });

  it('𠮷 (U+20BB7, outside GBK) is printed with the full system font, the rest with the subset', async () => {
    expect(missingIn(subsetFontSet(), distinctChars(['𠮷田']))).toEqual(['𠮷']);
    const record = sheetOf('S-101');
    record.person = { ...record.person, name: '𠮷田喆' };
    const { pdf, fonts } = await renderDocument(sheetDocDefinition(record, optionsFor(record, 'zh')));
    expect(fonts.fallbacks.map((f) => [f.set.id, f.chars])).toEqual([['system:/usr/share/fonts/opentype/noto', ['𠮷']]]);
    expect(fonts.missing).toEqual([]);
    const file = await writePdf('name-fallback', pdf);
    expect(flat(pdftext(file))).toContain('𠮷田喆');
    expect(pages(file)).toBe(1);
    expect(pdf.length).toBeLessThan(200 * 1024);
    const rows = run('pdffonts', file).trim().split('\n').slice(2);
    expect(rows.length).toBe(3); // subset regular and bold, and the full font's bold for 𠮷
    for (const row of rows) expect(row).toMatch(/\syes\s+yes\s+yes\s/);
  });

  it('a character no font has is reported and printed as its code point', async () => {
    const record = sheetOf('S-101');
    record.person = { ...record.person, name: '王\u{1F600}' };
    const choice = chooseFonts(['王\u{1F600}']);
    expect(choice.missing).toEqual(['\u{1F600}']);
    const { pdf, fonts } = await renderDocument(sheetDocDefinition(record, optionsFor(record, 'zh')));
    expect(fonts.missing).toEqual(['\u{1F600}']);
    expect(flat(pdftext(await writePdf('name-unshowable', pdf)))).toContain('王[U+1F600]');
    // The embedded data keeps the name as it is.
    const out = join(dir, 'unshowable.json');
    run('pdfdetach', '-save', '1', '-o', out, join(dir, 'name-unshowable.pdf'));
    expect(JSON.parse(readFileSync(out, 'utf8')).person.name).toBe('王\u{1F600}');
  });

  const dejavu = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
  it.skipIf(!existsSync(dejavu))('each character the subset lacks goes to the first full font that has it; unreadable fonts are skipped', async () => {
    const before = fallbackFonts();
    try {
      setFallbackFonts([
        { id: 'gone', normal: { file: join(dir, 'no-such.ttf') }, bold: { file: join(dir, 'no-such.ttf') } },
        { id: 'wrong-face', normal: { file: before[0]!.normal.file, postscriptName: 'NoSuchFace' }, bold: { file: before[0]!.bold.file, postscriptName: 'NoSuchFace' } },
        before[0]!,
        { id: 'dejavu', normal: { file: dejavu }, bold: { file: dejavu.replace('Sans.ttf', 'Sans-Bold.ttf') } },
      ]);
      const record = sheetOf('S-101');
      record.person = { ...record.person, name: '𠮷田\u2717' }; // ✗ is not in Noto Sans CJK, DejaVu has it
      const { pdf, fonts } = await renderDocument(sheetDocDefinition(record, optionsFor(record, 'zh')));
      expect(fonts.fallbacks.map((f) => [f.set.id, f.chars])).toEqual([
        [before[0]!.id, ['𠮷']],
        ['dejavu', ['\u2717']],
      ]);
      expect(fonts.missing).toEqual([]);
      expect(flat(pdftext(await writePdf('name-two-fallbacks', pdf)))).toContain('𠮷田\u2717');
    } finally {
      setFallbackFonts(before);
    }
  });

  it('the fallback list names Debian’s Noto Sans CJK SC face', () => {
    expect(fallbackFonts()[0]!.normal).toEqual({ file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' });
  });
});

describe('a heavy sheet: penalty, transfer off post, gate, late hand-ins, dated absences, long notes', () => {
  const SENTENCE = '经销商反映配件到货延误,区域经理多次电话催促但未见改善。';
  function heavy(): { sales: SheetRecord; field: SheetRecord } {
    const sales = sheetOf('S-101');
    const field = sheetOf('F-101');
    const longNote = `${SENTENCE.repeat(40)}(完)`;
    const salesInput: SheetInput = {
      ...sales.input,
      absences: [{ date: '2026-09-09', length: 'full' }, { date: '2026-09-20', length: 'half' }],
      items: {
        'weekly-report': { violated: true, note: '第三周周报未交' },
        'dealer.network-plan': { violated: true, note: longNote },
        'ad-plan': { occurrences: 1, doubled: true, note: '连续两个月广告计划表迟交' },
      },
      handIns: { 'ad-plan': [{ date: '2026-09-16' }], 'dealer.rebate-forms': [{ date: '2026-09-27' }] },
    };
    const fieldInput: SheetInput = { ...field.input, items: { special: { occurrences: 2, note: '虚报索赔单两张' }, complaints: { incidents: [{ kind: 'media', deduction: 8, note: '地方电视台报道' }] } } };
    return {
      sales: { ...sales, input: salesInput, result: scoreSheet(salesInput, sales.rubric) },
      field: { ...field, input: fieldInput, result: scoreSheet(fieldInput, field.rubric) },
    };
  }

  it('shows every mark in words, wraps the long note onto a second page and keeps the signature panel whole', async () => {
    const { sales, field } = heavy();
    for (const lang of LANGS) {
      const file = await writePdf(`heavy-sales-${lang}`, await renderSheetPdf(sales, { ...optionsFor(sales, lang), kpis: [{ name: '销售计划完成率', value: '92%' }, { name: '欠款回收率', value: '88%' }] }));
      const text = pdftext(file);
      const f = flat(text);
      expect(pages(file)).toBe(2);
      expect(spawnSync('qpdf', ['--check', file]).status).toBe(0);
      // Nothing cut off: the 40 sentences of the note in reading order (one may be split by the
      // page break), and its end on the next page.
      const raw = flat(run('pdftotext', '-raw', file, '-'));
      expect(raw.split(flat(SENTENCE)).length - 1).toBeGreaterThanOrEqual(39);
      expect(f).toContain('(完)');
      expect(f).toContain(lang === 'zh' ? '门槛未通过' : 'Gatefailed');
      expect(f).toContain(lang === 'zh' ? '迟交' : 'Late:due');
      expect(f).toContain(lang === 'zh' ? flat('9月9日') : '9Sep');
      expect(f).toContain(lang === 'zh' ? '销售计划完成率' : 'Keyindicators');
      // The table breaks inside the long note: its header row repeats on the second page, and
      // the signature panel is whole there.
      const second = text.split('\f')[1]!;
      expect(flat(second)).toContain(flat(lang === 'zh' ? '考核项目满分扣分得分' : 'ItemMaxDeductedPoints'));
      const panel = lang === 'zh' ? ['区域经理', '销售计划部', '销售副总经理', '人力资源部'] : ['Regional manager', 'Sales planning', 'Sales VP', 'Human resources'];
      for (const label of panel) expect(flat(second)).toContain(flat(label));
    }
    for (const lang of LANGS) {
      const file = await writePdf(`heavy-field-${lang}`, await renderSheetPdf(field, optionsFor(field, lang)));
      const f = flat(pdftext(file));
      expect(pages(file)).toBe(1);
      expect(f).toContain(formatPoints(field.result.items.find((i) => i.id === 'special')!.points)); // −30
      expect(f).toContain(lang === 'zh' ? '调离岗位' : 'Transferoffpost');
      expect(f).toContain(lang === 'zh' ? '地方电视台报道' : 'Mediaexposure');
    }
  });
});

describe('the signature panel', () => {
  it('shows who signed and when, and an empty box for each open step', async () => {
    const record = sheetOf('S-101');
    const chain: ChainEntry[] = [
      { role: 'manager', name: '王磊', at: '2026-10-02T01:05:00.000Z' },
      { role: 'planning', name: '李静', at: '2026-10-03T02:10:00.000Z' },
    ];
    const file = await writePdf('chain', await renderSheetPdf(record, { language: 'en', chain, exportedAt: EXPORTED_AT }));
    const f = flat(pdftext(file));
    expect(f).toContain('Signedby王磊');
    expect(f).toContain('Signedby李静');
    expect(f.match(/Signature/g)).toHaveLength(2); // VP and HR still open
  });

  it('a regional manager’s own sheet starts at sales planning', () => {
    expect(chainStepsFor('regional-manager')).toEqual(['planning', 'vp', 'hr']);
    expect(chainStepsFor('salesperson')).toEqual(['manager', 'planning', 'vp', 'hr']);
  });
});

describe('speed and size', () => {
  it('renders 50 sheets; prints the median time and the size', async () => {
    const rows = monthRows(db, { period: '2026-09' }).filter((r) => r.status !== 'not-started');
    const records = rows.map((r) => getSheet(db, { personId: r.personId, period: '2026-09' }));
    await renderSheetPdf(records[0]!, optionsFor(records[0]!, 'zh')); // fonts loaded once per process
    const times: number[] = [];
    const sizes: number[] = [];
    for (let i = 0; i < 50; i++) {
      const record = records[i % records.length]!;
      const t = performance.now();
      const pdf = await renderSheetPdf(record, optionsFor(record, i % 2 ? 'en' : 'zh'));
      times.push(performance.now() - t);
      sizes.push(pdf.length);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    times.sort((a, b) => a - b);
    sizes.sort((a, b) => a - b);
    const median = (xs: number[]) => xs[xs.length >> 1]!;
    console.log(
      `PDF score sheets: median ${median(times).toFixed(1)} ms per sheet (fastest ${times[0]!.toFixed(1)}, slowest ${times.at(-1)!.toFixed(1)}) over 50; ` +
        `median ${(median(sizes) / 1024).toFixed(1)} KB (largest ${(sizes.at(-1)! / 1024).toFixed(1)} KB)`,
    );
    expect(sizes.at(-1)!).toBeLessThan(200 * 1024);
  }, 120_000);
});

describe('the KPIs of the month on the sheet (stored figures, labelled in the PDF’s language)', () => {
  it.each(ROLES.flatMap((role) => LANGS.map((lang) => [role, lang] as const)))('%s (%s): every recorded KPI by its name with its unit, plan completion derived, still one page', async (role, lang) => {
    const record = richestSheet(role);
    const figures = personFigures(db, record.person.id, record.period);
    expect(Object.keys(figures.kpis).length).toBe(KPIS.length); // the demo records them all
    const file = await writePdf(`kpis-${role}-${lang}`, await renderSheetPdf(record, { ...optionsFor(record, lang), kpis: sheetKpis(figures.kpis, lang) }));
    expect(pages(file)).toBe(1);
    const f = flat(pdftext(file));
    const other = lang === 'zh' ? 'en' : 'zh';
    expect(f).toContain(flat(lang === 'zh' ? '关键指标（仅供参考，不计入考核得分）' : 'Key indicators (for information; not part of the score)'));
    // A long name may wrap in its cell: its words then come in order with the next cells between.
    const shows = (name: string) => new RegExp(name.split(/\s+/).map((w) => w.replace(/[()]/g, '\\$&')).join('.{0,80}?')).test(f);
    for (const k of KPIS) {
      expect(shows(k[lang]), k[lang]).toBe(true);
      expect(f).not.toContain(flat(k[other]));
    }
    const plan = figures.kpis['plan-quantity']!;
    const actual = figures.kpis['actual-quantity']!;
    expect(f).toContain(flat(`${PLAN_COMPLETION_NAME[lang]}${planCompletionPercent(figures.kpis)}%`));
    expect(f).toContain(flat(`${KPIS[0]![lang]}${plan.toLocaleString('en-US')}`));
    expect(f).toContain(flat(`${KPIS[1]![lang]}${actual.toLocaleString('en-US')}`));
    const expense = figures.kpis['sales-expense']!.toLocaleString('en-US', { minimumFractionDigits: 2 });
    expect(f).toContain(lang === 'zh' ? `${expense}元` : `¥${expense}`);
    expect(f).toContain(`${figures.kpis.satisfaction}%`);
  });

  it('an exported (signed) sheet carries the person’s stored KPIs: English names in English, Chinese in Chinese', async () => {
    const h = createHandlers(db, { dbPath: join(dir, 'demo.db'), appVersion: 'test' });
    const { call: ok } = bind(h);
    // Sales planning (sees everyone, so the other tests' month rows stay as they are) signs a regional manager's sheet first.
    await ok('user.set', { name: '计划部 赵敏', chainRole: 'planning', regionId: null });
    const identity = await ok('identities.create', { name: '计划部 赵敏', role: 'planning', passphrase: 'kpi export pass' });
    const row = monthRows(db, { period: '2026-08' }).find((r) => r.role === 'regional-manager' && r.status === 'ready')!;
    const kpis = personFigures(db, row.personId, '2026-08').kpis;
    for (const language of LANGS) {
      const exported = await ok('sheets.export', { personId: row.personId, period: '2026-08', fingerprint: identity.fingerprint, passphrase: 'kpi export pass', language });
      const f = flat(pdftext(exported.path));
      const other = language === 'zh' ? 'en' : 'zh';
      expect(f).toContain(flat(`${KPI_BY_ID.get('satisfaction')![language]}${kpis.satisfaction}%`));
      expect(f).toContain(flat(`${PLAN_COMPLETION_NAME[language]}${planCompletionPercent(kpis)}%`));
      expect(f).not.toContain(flat(KPI_BY_ID.get('satisfaction')![other]));
    }
  }, 60_000);

  it('lists nothing when nothing is recorded, and only what is (no plan completion without both quantities)', () => {
    expect(sheetKpis({}, 'en')).toEqual([]);
    expect(sheetKpis({ 'plan-quantity': 200, 'complaint-rate': 1.5 }, 'en')).toEqual([
      { name: 'Sales plan (quantity)', value: '200' },
      { name: 'Complaint rate', value: '1.5%' },
    ]);
    expect(sheetKpis({ 'plan-quantity': 200, 'actual-quantity': 160, 'sales-expense': 12345.6 }, 'zh')).toEqual([
      { name: '销售计划数量', value: '200' },
      { name: '实际销售数量', value: '160' },
      { name: '销售计划完成率', value: '80%' },
      { name: '销售费用', value: '12,345.60 元' },
    ]);
  });
});

describe('who assesses each item, a severe complaint and what counts as on time (rules revised 2026-12-07)', () => {
  /** A field-service sheet with a complaint marked severe, and a salesperson sheet with late hand-ins (a day and a time of day). */
  function marked(): { field: SheetRecord; sales: SheetRecord } {
    const field = sheetOf('F-101');
    const sales = sheetOf('S-101');
    expect(`${field.rubric.id}@${field.rubric.version}`).toBe('field-service@2');
    expect(`${sales.rubric.id}@${sales.rubric.version}`).toBe('salesperson@2');
    const fieldInput: SheetInput = { ...field.input, items: { complaints: { incidents: [{ kind: 'escalation', deduction: 4, severe: true, note: '用户三次投诉至总部' }] } } };
    const salesInput: SheetInput = {
      ...sales.input,
      items: {},
      handIns: { 'ad-plan': [{ date: '2026-09-14' }], 'dealer.terminal-daily-report': [{ date: '2026-09-10T16:01', event: '2026-09-10' }] },
    };
    return {
      field: { ...field, input: fieldInput, result: scoreSheet(fieldInput, field.rubric) },
      sales: { ...sales, input: salesInput, result: scoreSheet(salesInput, sales.rubric) },
    };
  }

  it('the field-service sheet names each item’s assessors and words the severe complaint for HR, on one page, in both languages', async () => {
    const { field } = marked();
    expect(field.result.flags).toEqual(['severe-complaint']);
    const words = {
      zh: { claims: '由索赔组考核', complaints: '由现场管理组、函电组考核', special: '由索赔组考核', flag: '严重投诉：可考虑下岗', incident: '用户投诉升级 扣 4（严重）' },
      en: {
        claims: 'Assessed by the claims group',
        complaints: 'Assessed by the field management and correspondence groups',
        special: 'Assessed by the claims group',
        flag: 'Severe complaint: dismissal may be considered',
        incident: 'Escalated complaint −4 (severe)',
      },
    };
    for (const lang of LANGS) {
      const file = await writePdf(`marked-field-${lang}`, await renderSheetPdf(field, optionsFor(field, lang)));
      expect(pages(file)).toBe(1);
      const text = pdftext(file);
      const f = flat(text);
      for (const phrase of Object.values(words[lang])) expect(f, phrase).toContain(flat(phrase));
      expect(f).not.toContain('severe-complaint');
      // The assessors on the row of their item: the claims line beside 索赔单填写 / its English title.
      const claimsTitle = flat(leafTitle(field, 'service-center.claims', lang)).slice(0, 8);
      expect(text.split('\n').some((l) => flat(l).includes(claimsTitle) && flat(l).includes(flat(words[lang].claims)))).toBe(true);
      // The rubric's items all have their assessors: one line per item.
      const lines = flat(text).split(lang === 'zh' ? /由/ : /Assessedby/).length - 1;
      expect(lines).toBe(leafItems(field.rubric.items).length);
    }
  });

  it('a late hand-in on the salesperson sheet says the due day (or time) itself is on time, and names who receives it', async () => {
    const { sales } = marked();
    expect(sales.result.items.filter((i) => i.late).map((i) => i.id).sort()).toEqual(['ad-plan', 'dealer.terminal-daily-report']);
    const words = {
      zh: ['迟交：应交 9月13日前（含当日），实交 9月14日', '迟交：应交 9月10日 16:00前（含16:00），实交 9月10日 16:01', '由广告信息部考核', '由区域计划员考核', '由销售计划部考核'],
      en: [
        'Late: due by end of 13 Sep, handed in 14 Sep',
        'Late: due 10 Sep by 16:00 (16:00 itself on time), handed in 10 Sep 16:01',
        'Assessed by the advertising and information department',
        'Assessed by the regional planner',
        'Assessed by the sales planning department',
      ],
    };
    for (const lang of LANGS) {
      const file = await writePdf(`marked-sales-${lang}`, await renderSheetPdf(sales, optionsFor(sales, lang)));
      expect(pages(file)).toBe(1);
      const f = flat(pdftext(file));
      for (const phrase of words[lang]) expect(f, phrase).toContain(flat(phrase));
    }
  });

  it('a version without assessors (salesperson@1) prints no assessor line', async () => {
    const record = sheetOf('S-101');
    const v1 = BUILTIN_RUBRICS.find((r) => r.id === 'salesperson' && r.version === 1)!;
    const input: SheetInput = { ...record.input, rubric: 'salesperson@1' };
    const old = { ...record, rubric: v1, input, result: scoreSheet(input, v1) };
    for (const lang of LANGS) {
      const f = flat(pdftext(await writePdf(`v1-sales-${lang}`, await renderSheetPdf(old, optionsFor(old, lang)))));
      expect(f).not.toContain(lang === 'zh' ? '考核由' : 'Assessedby');
      expect(f).not.toMatch(lang === 'zh' ? /由.{2,8}考核/ : /Assessedby/);
    }
  });
});
