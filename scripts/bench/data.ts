/**
 * The benchmark's company: 5,000 people in 10 regions and 12 months of score sheets, in a real
 * database file in a temporary folder. Deterministic (seeded). People go through the roster
 * service (savePerson), what a manager records comes from the demo's generator (randomEntry),
 * and every sheet is validated and scored by the shared engine and written by the one sheet
 * writer (writeSheetRow). The last month is left empty: saving it is one of the measurements.
 */
import { join } from 'node:path';
import type { Person, User } from '../../shared/api/types.ts';
import { formatPeriod, previousPeriod, type Period } from '../../shared/period.ts';
import type { Rubric } from '../../shared/rubric/schema.ts';
import { scoreSheet } from '../../shared/scoring/engine.ts';
import { validateSheetInput } from '../../shared/scoring/input.ts';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { writeTransaction } from '../../electron/db/transaction.ts';
import { createHandlers, invoke, type Handlers } from '../../electron/handlers.ts';
import { randomEntry, seeded, type Rng } from '../../electron/services/demo.ts';
import { savePerson } from '../../electron/services/people.ts';
import { saveRegion } from '../../electron/services/regions.ts';
import { listRubrics, rubricForRole, storeRubric } from '../../electron/services/rubrics.ts';
import { writeSheetRow } from '../../electron/services/sheets.ts';

export const COMPANY_SIZE = 5000;
export const MONTHS = 12;
/** The region whose manager exports the 500-sheet batch: its manager and 500 staff. */
export const BATCH_REGION = 'R01';
export const BATCH_SIZE = 500;

export interface Company {
  dir: string;
  dbPath: string;
  db: Db;
  handlers: Handlers;
  /** The twelve months, oldest first; the last one (the month before this one) is saved by the benchmark. */
  months: string[];
  last: string;
  people: Person[];
  regions: { id: number; code: string; name: string; people: number }[];
  /** What the managers record for the last month, one entry per person (saved by the saving benchmark). */
  lastMonth: { personId: number; entry: ReturnType<typeof randomEntry> }[];
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蔡蒋余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力宁飞斌宇浩凯鹏晨欣雪琳婷颖蕾倩瑶璐晶涵思远博文轩然梓睿子墨一诺嘉怡雨桐可馨佳琪'];

/** The month before `today`'s, and the eleven before it, oldest first (as the demo's months). */
export function benchMonths(today = new Date()): string[] {
  const months: string[] = [];
  let p: Period = previousPeriod({ year: today.getFullYear(), month: today.getMonth() + 1 });
  for (let i = 0; i < MONTHS; i++, p = previousPeriod(p)) months.unshift(formatPeriod(p));
  return months;
}

function personName(rng: Rng): string {
  const given = rng.chance(0.6) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return rng.pick(SURNAMES) + given;
}

/** Region sizes (manager included): 501 in the batch region, 499 in the last, 500 elsewhere: 5,000 in all. */
function regionSizes(total: number): number[] {
  const sizes = Array.from({ length: 10 }, () => Math.floor(total / 10));
  sizes[0]! += 1;
  sizes[9]! -= 1;
  return sizes;
}

/** One sheet input as a manager's app sends it (the shape the engine, the CLI and the PDF carry). */
export function sheetInput(rubric: Rubric, period: string, person: { employeeNo: string; name: string }, entry: ReturnType<typeof randomEntry>) {
  return {
    rubric: `${rubric.id}@${rubric.version}`,
    period,
    person: { id: person.employeeNo, name: person.name },
    absences: entry.absences,
    items: entry.items,
    handIns: entry.handIns,
  };
}

export async function buildCompany(dir: string, log: (line: string) => void, size = COMPANY_SIZE): Promise<Company> {
  const dbPath = join(dir, 'bench.db');
  const db = openDatabase(dbPath);
  const handlers = createHandlers(db, { dbPath, appVersion: 'bench' });
  const rng = seeded(5000_2026);
  const months = benchMonths();
  const last = months.at(-1)!;

  // The roster, through the same service the Roster screen uses.
  const regions: Company['regions'] = [];
  const people: Person[] = [];
  writeTransaction(db, () => {
    regionSizes(size).forEach((count, r) => {
      const code = `R${String(r + 1).padStart(2, '0')}`;
      const region = saveRegion(db, { code, name: `${['华东', '华南', '华北', '华中', '西南', '西北', '东北', '京津', '沪苏', '粤港'][r]}大区` });
      regions.push({ id: region.id, code, name: region.name, people: count });
      const manager = savePerson(db, { employeeNo: `${code}-0000`, name: personName(rng), role: 'regional-manager', regionId: region.id, managerId: null, activeFrom: '2024-01', activeTo: null });
      people.push(manager);
      for (let i = 1; i < count; i++) {
        const role = rng.chance(0.8) ? 'salesperson' : 'field-service';
        people.push(
          savePerson(db, { employeeNo: `${code}-${String(i).padStart(4, '0')}`, name: personName(rng), role, regionId: region.id, managerId: manager.id, activeFrom: '2024-01', activeTo: null }),
        );
      }
    });
  });
  const user: User = { name: '陈静', chainRole: 'hr', regionId: null };
  await invoke(handlers, 'user.set', user);
  log(`  ${people.length} people in ${regions.length} regions`);

  // Eleven months of history: validated and scored by the shared engine, written by writeSheetRow.
  const rubrics = listRubrics(db);
  const byRole = new Map<string, Map<string, Rubric>>();
  const rubricFor = (role: Person['role'], period: string) => {
    let perMonth = byRole.get(role);
    if (!perMonth) byRole.set(role, (perMonth = new Map()));
    let rubric = perMonth.get(period);
    if (!rubric) perMonth.set(period, (rubric = rubricForRole(rubrics, role, period)));
    return rubric;
  };
  for (const period of months.slice(0, -1)) {
    const started = performance.now();
    writeTransaction(db, () => {
      for (const person of people) {
        const rubric = rubricFor(person.role, period);
        const checked = validateSheetInput(sheetInput(rubric, period, person, randomEntry(rng, rubric, period)), [rubric]);
        if (!checked.ok) throw new Error(`generated an invalid sheet: ${JSON.stringify(checked.problems)}`);
        storeRubric(db, rubric);
        writeSheetRow(db, null, { personId: person.id, rubric, status: 'approved', input: checked.input, result: scoreSheet(checked.input, rubric), revision: 1 });
      }
    });
    log(`  ${period}: ${people.length} sheets (${Math.round(performance.now() - started)} ms)`);
  }

  // What the managers record for the last month (saved by the saving benchmark).
  const lastMonth = people.map((person) => {
    const entry = randomEntry(rng, rubricFor(person.role, last), last);
    return { personId: person.id, entry };
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  listRubrics(db); // as a running app has: the stored rubric versions read and checked once
  return { dir, dbPath, db, handlers, months, last, people, regions, lastMonth };
}

/**
 * `count` sheet inputs for the scoring benchmark: the same generator, cycling through the people
 * and months, each with the rubric version in force for its person and month.
 */
export function scoringInputs(company: Pick<Company, 'people' | 'months'>, rubrics: readonly Rubric[], count: number): object[] {
  const rng = seeded(100_000);
  const inputs: object[] = [];
  for (let i = 0; i < count; i++) {
    const person = company.people[i % company.people.length]!;
    const period = company.months[Math.floor(i / company.people.length) % company.months.length]!;
    const rubric = rubricForRole(rubrics, person.role, period);
    inputs.push(sheetInput(rubric, period, person, randomEntry(rng, rubric, period)));
  }
  return inputs;
}
