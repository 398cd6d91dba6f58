/**
 * A sheet filled from two departments' findings, printed: the note column names each
 * deduction's source (department, file, line, date) in both languages, the sheet stays one page,
 * and the embedded data carries the sources and passes the data check (checkScoresheet).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/handlers.ts';
import { renderSheetPdf } from '../../electron/pdf/render.ts';
import { savePerson } from '../../electron/services/people.ts';
import { saveRegion } from '../../electron/services/regions.ts';
import { checkScoresheet, scoresheetJson } from '../../shared/score-file.ts';
import { call } from '../helpers/call.ts';
import { tempDb, tempDir } from '../helpers/db.ts';

const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
const upload = (csv: string, fileName: string) => ({ fileName, dataBase64: Buffer.from(csv, 'utf8').toString('base64') });

describe('the PDF of a sheet from findings', () => {
  it('prints each source in the note column, zh and en; the embedded sources pass the data check', async () => {
    const { db, path } = tempDb();
    const h = createHandlers(db, { dbPath: path, appVersion: 'test' });
    const region = saveRegion(db, { code: 'SOUTH', name: '华南区' });
    const p = savePerson(db, { employeeNo: 'F-101', name: '李强', role: 'field-service', regionId: region.id, managerId: null, activeFrom: '2024-01', activeTo: null });
    await call(h, 'findings.import', { ...upload('工号,项目,次数,等级,扣分,日期\nF-101,驻区去向,2,,,2026-10-05\nF-101,索赔单填写,,poor,6,2026-10-12\n', 'claims.csv'), period: '2026-10', department: 'claims' });
    await call(h, 'findings.import', { ...upload('工号,项目,次数,日期\nF-101,驻区去向,1,2026-10-20\n', 'tech.csv'), period: '2026-10', department: 'technical' });
    const record = await call(h, 'sheets.get', { personId: p.id, period: '2026-10' });
    expect(record.result.dailyScore).toBe(100 - 6 - 6);
    const dir = tempDir();
    for (const language of ['zh', 'en'] as const) {
      const pdf = await renderSheetPdf(record, { language, company: '东方机械股份有限公司', scorer: '王磊', regionName: '华南区', chain: [], exportedAt: '2026-11-02T08:00:00.000Z' });
      const file = join(dir, `${language}.pdf`);
      writeFileSync(file, pdf);
      if (process.env.SHEET_PNG_DIR) writeFileSync(join(process.env.SHEET_PNG_DIR, `findings-${language}.pdf`), pdf);
      expect(pages(file)).toBe(1);
      const t = text(file);
      if (language === 'zh') {
        expect(t).toContain('来源:索赔组(claims.csv第2行,2026-10-05)、技术组(tech.csv第2行,2026-10-20)');
        expect(t).toContain('来源:索赔组(claims.csv第3行,2026-10-12)');
      } else {
        expect(t).toContain('Source:Claimsgroup(claims.csvline2,2026-10-05);Technicalgroup(tech.csvline2,2026-10-20)');
      }
    }
    const data = JSON.parse(JSON.stringify(scoresheetJson(record)));
    expect(data.input.items.whereabouts.sources.map((s: { from: string }) => s.from)).toEqual(['claims', 'technical']);
    expect(checkScoresheet(data)).toBeNull();
    data.input.items.whereabouts.sources[1].occurrences = 2;
    expect(checkScoresheet(data)).toMatch(/sources do not hold together/);
  }, 60_000);
});
