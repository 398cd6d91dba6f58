/** The pay report's rows and totals (shared/reports/pay.ts) against assessment.md "Pay" and computePay. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePay, DEFAULT_PAY_SETTINGS, type PaySettings } from '../../shared/pay.ts';
import { payReportOf, payRow, payTotals, type ReportPerson } from '../../shared/reports/pay.ts';
import { formatMoney, payTable } from '../../shared/reports/tables.ts';

const person: ReportPerson = { personId: 1, employeeNo: 'S-0042', name: '王磊', role: 'salesperson', regionName: '华东区' };
const figures = (salaryTotal: number | null, plan?: number, actual?: number) => ({
  salaryTotal,
  kpis: { ...(plan === undefined ? {} : { 'plan-quantity': plan }), ...(actual === undefined ? {} : { 'actual-quantity': actual }) },
});
const ready = (monthlyScore: number, dailyScore = monthlyScore) => ({ status: 'ready' as const, monthlyScore, dailyScore });
const version = { version: 0, effectiveFrom: '2000-01', settings: DEFAULT_PAY_SETTINGS, hash: 'x', createdAt: null, createdBy: null };

describe('pay report: the examples of assessment.md', () => {
  it('工资总额 10,000.00, plan 200, actual 160 (80%), daily-work score 88 (monthly 89.2) → 5,000 + 2,800 + 1,320 = 9,120.00 (revised 2026-12-07)', () => {
    const row = payRow(person, ready(89.2, 88), figures(10000, 200, 160), DEFAULT_PAY_SETTINGS);
    expect(row.missing).toEqual([]);
    expect(row.pay).toEqual({ base: 5000, plan: 2800, assessment: 1320, bonus: 0, total: 9120, completionPercent: 80 });
  });

  it('above 100% the plan part is capped; the default bonus policy is none; a per-point bonus pays above plan', () => {
    expect(payRow(person, ready(90), figures(10000, 200, 250), DEFAULT_PAY_SETTINGS).pay).toMatchObject({ plan: 3500, bonus: 0, completionPercent: 125 });
    const perPoint: PaySettings = { ...DEFAULT_PAY_SETTINGS, bonus: { policy: 'per-point', percentPerPoint: 1 } };
    // 25 points above plan × 1% × 10,000 = 2,500
    expect(payRow(person, ready(90), figures(10000, 200, 250), perPoint).pay).toMatchObject({ plan: 3500, bonus: 2500, total: 5000 + 3500 + 1350 + 2500 });
  });

  it('the score rate is the daily-work score by default; a setting can use the monthly score instead', () => {
    expect(DEFAULT_PAY_SETTINGS.scoreRate).toBe('daily');
    // 10,000 × 15% × 88% = 1,320
    expect(payRow(person, ready(89.2, 88), figures(10000, 200, 160), DEFAULT_PAY_SETTINGS).pay?.assessment).toBe(1320);
    const monthly: PaySettings = { ...DEFAULT_PAY_SETTINGS, scoreRate: 'monthly' };
    // 10,000 × 15% × 89.2% = 1,338
    expect(payRow(person, ready(89.2, 88), figures(10000, 200, 160), monthly).pay).toMatchObject({ assessment: 1338, total: 9138 });
  });

  it('rounds half-up once per component, in fen: 0.7×88+0.3×92 = 89.2 gives 10,000 × 15% × 89.2% = 1,338.00 exactly', () => {
    expect(payRow(person, ready(89.2), figures(10000, 3, 1), DEFAULT_PAY_SETTINGS).pay).toMatchObject({ assessment: 1338, plan: 1166.67, completionPercent: 33.33 });
  });
});

describe('pay report: what is missing', () => {
  it('names each missing input and computes nothing', () => {
    expect(payRow(person, undefined, undefined, DEFAULT_PAY_SETTINGS)).toMatchObject({ status: 'not-started', pay: null, missing: ['sheet', 'salary', 'plan', 'actual'] });
    expect(payRow(person, ready(90), figures(null, 200, 160), DEFAULT_PAY_SETTINGS)).toMatchObject({ pay: null, missing: ['salary'] });
    expect(payRow(person, ready(90), figures(10000, 0, 160), DEFAULT_PAY_SETTINGS)).toMatchObject({ pay: null, missing: ['plan'] });
    expect(payRow(person, ready(90), figures(10000, 200), DEFAULT_PAY_SETTINGS)).toMatchObject({ pay: null, missing: ['actual'] });
  });

  it('a draft or returned sheet is not paid (its scores still show); signed and approved are', () => {
    for (const status of ['draft', 'returned'] as const) {
      expect(payRow(person, { status, monthlyScore: 90, dailyScore: 90 }, figures(10000, 200, 160), DEFAULT_PAY_SETTINGS)).toMatchObject({ monthlyScore: 90, pay: null, missing: ['sheet'] });
    }
    for (const status of ['signed', 'approved'] as const) {
      expect(payRow(person, { status, monthlyScore: 90, dailyScore: 90 }, figures(10000, 200, 160), DEFAULT_PAY_SETTINGS).pay?.total).toBe(9150);
    }
  });
});

const money = fc.integer({ min: 0, max: 10_000_000 }).map((f) => f / 100);
const score = fc.integer({ min: 0, max: 10_000 }).map((h) => h / 100);
const qty = fc.integer({ min: 1, max: 100_000 });

describe('pay report: properties', () => {
  it('each row is computePay of its inputs, and the totals are the exact sums of the rows with pay', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ salary: fc.option(money), plan: qty, actual: fc.integer({ min: 0, max: 200_000 }), score, scored: fc.boolean() }), { maxLength: 30 }), (inputs) => {
        const people = inputs.map((_, i) => ({ ...person, personId: i + 1 }));
        const sheets = new Map(inputs.flatMap((x, i) => (x.scored ? [[i + 1, ready(x.score)] as const] : [])));
        const figs = new Map(inputs.map((x, i) => [i + 1, figures(x.salary, x.plan, x.actual)] as const));
        const report = payReportOf('2026-10', version, people, sheets, figs);
        let fen = 0;
        report.rows.forEach((r, i) => {
          const x = inputs[i]!;
          if (x.scored && x.salary !== null) {
            expect(r.pay).toEqual(computePay({ salaryTotal: x.salary, plan: x.plan, actual: x.actual, monthlyScore: x.score, dailyScore: x.score, ...DEFAULT_PAY_SETTINGS }));
            fen += Math.round(r.pay!.total * 100);
          } else expect(r.pay).toBeNull();
        });
        expect(report.totals.total).toBe(fen / 100);
        expect(report.totals.people).toBe(report.rows.filter((r) => r.pay).length);
        expect(Math.round(report.totals.total * 100)).toBe(['base', 'plan', 'assessment', 'bonus'].reduce((s, k) => s + Math.round(report.totals[k as 'base'] * 100), 0));
      }),
      { numRuns: 200 },
    );
  });

  it('formatMoney prints the exact fen with 2 decimals', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (f) => {
        expect(formatMoney(f / 100)).toBe(`${Math.floor(f / 100)}.${String(f % 100).padStart(2, '0')}`);
      }),
    );
    expect(payTotals([])).toEqual({ base: 0, plan: 0, assessment: 0, bonus: 0, total: 0, people: 0 });
  });

  it('the table has the row values as numbers and a totals line, headers in the language asked', () => {
    const report = payReportOf('2026-10', version, [person], new Map([[1, ready(90)]]), new Map([[1, figures(10000, 200, 160)]]));
    const zh = payTable(report, 'zh');
    const en = payTable(report, 'en');
    expect(zh.columns.map((c) => c.header)).toContain('月度薪酬');
    expect(en.columns.map((c) => c.header)).toContain('Monthly pay');
    const total = en.columns.findIndex((c) => c.header === 'Monthly pay');
    expect(en.rows[0]![total]).toBe(9150);
    expect(en.totals![total]).toBe(9150);
  });

  it('the table names the month\'s 日常考核得分率 on every row, in the language asked, for either rate', () => {
    const people = [person, { ...person, personId: 2, employeeNo: 'S-0043' }];
    const sheets = new Map([[1, ready(89.2, 88)]]); // S-0043 has no sheet: no pay, the rate still named
    const money = new Map([[1, figures(10000, 200, 160)], [2, figures(9000, 100, 90)]]);
    const monthly = { ...version, version: 2, effectiveFrom: '2026-01', settings: { ...DEFAULT_PAY_SETTINGS, scoreRate: 'monthly' as const } };
    const cases = [
      [version, 'zh', '日常考核得分率', '日常工作考核得分', 9120],
      [version, 'en', 'Score rate', 'Daily-work score', 9120],
      [monthly, 'zh', '日常考核得分率', '月度考核得分', 9138],
      [monthly, 'en', 'Score rate', 'Monthly score', 9138],
    ] as const;
    for (const [settings, lang, header, word, pay] of cases) {
      const table = payTable(payReportOf('2026-10', settings, people, sheets, money), lang);
      const headers = table.columns.map((c) => c.header);
      const at = headers.indexOf(header);
      // Right after the two scores, before the pay parts.
      expect(headers.slice(at - 2, at + 2), `${lang} ${word}`).toEqual(lang === 'zh' ? ['月度考核得分', '日常工作考核得分', header, '基础工资'] : ['Monthly score', 'Daily-work score', header, 'Base pay']);
      expect(table.columns[at]!.kind).toBe('text');
      expect(table.rows.map((r) => r[at])).toEqual([word, word]);
      expect(table.totals![at]).toBeNull();
      expect(table.rows[0]![headers.length - 4]).toBe(pay); // then 缺少, 待确认 and 得分来自修订
    }
  });
});

describe('pay report: figures from a signed sheet not yet confirmed', () => {
  const fromSheet = (confirmed: boolean) => ({ from: 'sheet' as const, file: 'a'.repeat(64), confirmed });
  it('pay uses them and the row names them (plan, actual); a confirmed one, another KPI or HR’s own is not named; the report counts the rows', () => {
    const both = { ...figures(10000, 200, 160), sources: { 'plan-quantity': fromSheet(false), 'actual-quantity': fromSheet(false) } };
    const row = payRow(person, ready(89.2, 88), both, DEFAULT_PAY_SETTINGS);
    expect(row.pay?.total).toBe(9120);
    expect(row.unconfirmed).toEqual(['plan', 'actual']);
    const planConfirmed = { ...figures(10000, 200, 160), sources: { 'plan-quantity': fromSheet(true), 'actual-quantity': fromSheet(false), satisfaction: fromSheet(false) } };
    expect(payRow(person, ready(90), planConfirmed, DEFAULT_PAY_SETTINGS).unconfirmed).toEqual(['actual']);
    expect(payRow(person, ready(90), figures(10000, 200, 160), DEFAULT_PAY_SETTINGS).unconfirmed).toEqual([]);
    expect(payRow(person, ready(90), { ...figures(10000, 200, 160), sources: { satisfaction: fromSheet(false) } }, DEFAULT_PAY_SETTINGS).unconfirmed).toEqual([]);

    const people = [person, { ...person, personId: 2, employeeNo: 'S-0043' }, { ...person, personId: 3, employeeNo: 'S-0044' }];
    const sheets = new Map([[1, ready(90)], [2, ready(90)], [3, ready(90)]]);
    const report = payReportOf('2026-10', version, people, sheets, new Map([[1, both], [2, planConfirmed], [3, figures(10000, 200, 160)]]));
    expect(report.unconfirmed).toBe(2);
    const table = payTable(report, 'zh');
    const at = table.columns.findIndex((c) => c.header === '待确认(来自考核表)');
    expect(table.rows.map((r) => r[at])).toEqual(['计划、实际', '实际', null]);
    expect(table.totals![at]).toBe('2人待确认');
    const en = payTable(payReportOf('2026-10', version, [people[2]!], sheets, new Map([[3, figures(10000, 200, 160)]])), 'en');
    expect(en.totals![en.columns.findIndex((c) => c.header === 'Unconfirmed (from the sheet)')]).toBeNull();
  });
});

describe('pay report: a score from an amendment', () => {
  it('the last column says 修订 第 2 版 / Amendment, version 2 where the row carries one, and is empty for a version 1 and on the totals line', () => {
    const people = [person, { ...person, personId: 2, employeeNo: 'S-0043' }];
    const report = payReportOf('2026-10', version, people, new Map([[1, ready(90)], [2, ready(80)]]), new Map([[1, figures(10000, 200, 160)]]));
    // reports.ts marks the amended rows (from the database); here by hand.
    const amended = { ...report, rows: [{ ...report.rows[0]!, amendment: 2 }, report.rows[1]!] };
    for (const [lang, header, before, words] of [
      ['zh', '得分来自修订', '待确认(来自考核表)', '修订 第 2 版'],
      ['en', 'Score from amendment', 'Unconfirmed (from the sheet)', 'Amendment, version 2'],
    ] as const) {
      const table = payTable(amended, lang);
      const last = table.columns.length - 1;
      expect(table.columns.slice(-2).map((c) => [c.header, c.kind])).toEqual([[before, 'text'], [header, 'text']]);
      expect(table.rows.map((r) => r[last])).toEqual([words, null]);
      expect(table.rows.every((r) => r.length === table.columns.length)).toBe(true);
      expect(table.totals).toHaveLength(table.columns.length);
      expect(table.totals![last]).toBeNull();
    }
  });
});
