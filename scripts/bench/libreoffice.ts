/**
 * The export baseline: the path a user of Excel templates takes. The same sheet as an XLSX
 * workbook (header, person, scores, every rubric item with its maximum, deduction, points and
 * remarks, attendance, the approval boxes; A4, one page wide), converted to PDF by LibreOffice
 * headless (`soffice --headless --convert-to pdf`). LibreOffice does not sign: the product's
 * figures include signing, the baseline's do not.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import type { SheetRecord } from '../../shared/api/types.ts';
import type { RubricNode } from '../../shared/rubric/schema.ts';
import { sheetLabels } from '../../electron/pdf/labels.ts';
import { formatPoints } from '../../electron/pdf/sheet.ts';

export const SOFFICE = process.env.SOFFICE_PATH ?? 'soffice';

/** LibreOffice's version line, or null when soffice is not installed. */
export function sofficeVersion(): string | null {
  const r = spawnSync(SOFFICE, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Write `record` as an XLSX score sheet like the PDF one. */
export async function writeSheetXlsx(record: SheetRecord, path: string, regionName: string): Promise<void> {
  const L = sheetLabels('zh');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(record.person.employeeNo, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.5, right: 0.5, top: 0.47, bottom: 0.55, header: 0.2, footer: 0.2 } },
  });
  ws.columns = [{ width: 34 }, { width: 8 }, { width: 8 }, { width: 8 }, { width: 46 }];
  const thin = { style: 'thin' as const, color: { argb: 'FFC5CCD3' } };
  const border = { top: thin, bottom: thin };
  const fill = (argb: string) => ({ type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb } });
  const base = { name: 'Noto Sans CJK SC', size: 8.5 };

  ws.addRow([L.title]).font = { ...base, size: 16, bold: true };
  ws.addRow([record.rubric.title.zh, '', '', '', L.monthName(Number(record.period.slice(0, 4)), Number(record.period.slice(5)))]).font = base;
  ws.addRow([`${L.name} ${record.person.name}`, `${L.employeeNo} ${record.person.employeeNo}`, '', '', `${L.region} ${regionName}`]).font = base;
  const r = record.result;
  const w = record.rubric.weights;
  ws.addRow([`${L.dailyScore} × ${w.daily}%: ${formatPoints(r.dailyScore)}`, `${L.attendanceScore}: ${formatPoints(r.attendance.score)}`, '', `${L.monthlyScore}: ${formatPoints(r.monthlyScore)}`, L.formula(formatPoints(r.dailyScore), w.daily, formatPoints(r.attendance.score), w.attendance, formatPoints(r.monthlyScore))]).font = { ...base, bold: true };
  const head = ws.addRow([L.item, L.max, L.deduction, L.points, L.remarks]);
  head.eachCell((c) => ((c.font = { ...base, bold: true }), (c.fill = fill('FFE9EDF1')), (c.border = border)));

  const items = new Map(r.items.map((i) => [i.id, i]));
  const groups = new Map(r.groups.map((g) => [g.id, g]));
  const walk = (nodes: readonly RubricNode[], depth: number) => {
    for (const node of nodes) {
      const indent = '  '.repeat(depth);
      if (node.type === 'group') {
        const g = groups.get(node.id);
        const row = ws.addRow([indent + node.title.zh, g ? formatPoints(g.max) : '', '', g ? formatPoints(g.points) : '', g?.gated ? L.gateFailed(node.gate?.title.zh ?? '') : '']);
        row.eachCell((c) => ((c.font = { ...base, bold: true }), (c.fill = fill('FFF4F6F8')), (c.border = border)));
        walk(node.children, depth + 1);
      } else {
        const i = items.get(node.id);
        const remarks = [i?.doubled ? L.doubled : '', ...(i?.late ?? []).map((l) => L.late(l.due.date, l.due.time ?? null, l.handedIn)), i?.note ?? ''].filter(Boolean).join(' ');
        const row = ws.addRow([indent + node.title.zh, i?.penalty ? '—' : formatPoints(i?.max ?? 0), formatPoints(i?.deduction ?? 0), formatPoints(i?.points ?? 0), remarks]);
        row.eachCell((c) => ((c.font = base), (c.border = border), (c.alignment = { wrapText: true, vertical: 'top' })));
      }
    }
  };
  walk(record.rubric.items, 0);
  const total = ws.addRow([L.dailyTotal(formatPoints(record.rubric.dailyMax)), formatPoints(record.rubric.dailyMax), '', formatPoints(r.dailyScore), '']);
  total.eachCell((c) => ((c.font = { ...base, bold: true }), (c.fill = fill('FFE9EDF1')), (c.border = border)));
  ws.addRow([`${L.attendance}: ${r.attendance.absentDays === 0 ? L.noAbsence : `${r.attendance.absentDays}`} · ${L.score(formatPoints(r.attendance.score))}`]).font = base;
  if (r.flags.length) ws.addRow([`${L.flagsTitle}: ${r.flags.join(', ')}`]).font = { ...base, color: { argb: 'FFB3261E' } };
  ws.addRow([L.approvals]).font = { ...base, bold: true };
  const boxes = ws.addRow([L.chain.manager, L.chain.planning, '', L.chain.vp, L.chain.hr]);
  boxes.height = 46;
  boxes.eachCell((c) => ((c.font = { ...base, bold: true }), (c.alignment = { vertical: 'top' }), (c.border = { top: thin, bottom: thin, left: thin, right: thin })));
  ws.addRow([`${L.rubric} ${record.rubric.id}@${record.rubric.version} · ${record.rubric.hash}`]).font = { ...base, size: 6 };
  await wb.xlsx.writeFile(path);
}

/**
 * Convert XLSX files to PDF with one soffice process (its own profile folder, so several can run
 * at once). Resolves with the wall time in ms and the files soffice left without a PDF (in a
 * long batch it now and then skips one and still exits 0); rejects when soffice fails.
 */
export function convertToPdf(files: readonly string[], outDir: string, profileDir: string, timeoutMs = 600_000): Promise<{ ms: number; missing: string[] }> {
  mkdirSync(outDir, { recursive: true });
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      SOFFICE,
      ['--headless', '--norestore', '--nolockcheck', '--nodefault', `-env:UserInstallation=${pathToFileURL(profileDir).href}`, '--convert-to', 'pdf', '--outdir', outDir, ...files],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - start;
      const missing = files.filter((f) => !existsSync(join(outDir, basename(f).replace(/\.xlsx$/, '.pdf'))));
      if (code !== 0 || missing.length === files.length) reject(new Error(`soffice exited ${code}; ${missing.length} of ${files.length} PDFs missing. ${stderr.trim().slice(0, 300)}`));
      else resolve({ ms, missing });
    });
  });
}

/** convertToPdf, running soffice again (still timed) for the files a run skipped, up to twice. */
export async function convertAll(files: readonly string[], outDir: string, profileDir: string): Promise<{ ms: number; retried: number }> {
  let { ms, missing } = await convertToPdf(files, outDir, profileDir);
  let retried = 0;
  for (let attempt = 0; attempt < 2 && missing.length > 0; attempt++) {
    retried += missing.length;
    const again = await convertToPdf(missing, outDir, profileDir);
    ms += again.ms;
    missing = again.missing;
  }
  if (missing.length) throw new Error(`LibreOffice made no PDF of ${missing.length} files (${basename(missing[0]!)}, …)`);
  return { ms, retried };
}
