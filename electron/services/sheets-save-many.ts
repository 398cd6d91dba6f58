/**
 * sheets.saveMany: a month's sheets saved in one call, all or nothing. The same rules and the same
 * stored result as sheets.save sheet by sheet (checkSave, writeSave), without its per-sheet costs:
 * one transaction and no savepoint per sheet, the people and the stored sheets read in one query
 * each, the rubric list, the user and the time read once, each rubric version stored once. For
 * whoever saves many sheets at once (an import, a script, a month prepared elsewhere), where
 * sheets.save one at a time spends most of its time answering with the whole record of each sheet.
 */
import type { SavedSheets, SheetStatus } from '../../shared/api/types.ts';
import { InputError, type Problem } from '../../shared/problems.ts';
import type { Db } from '../db/database.ts';
import { writeTransaction } from '../db/transaction.ts';
import { statement } from '../db/statements.ts';
import { ServiceError } from './errors.ts';
import { activeIn, assessedMonths } from '../../shared/assessed.ts';
import { toPerson } from './people.ts';
import { rubricCatalog, storeRubric } from './rubrics.ts';
import { checkSave, conflictText, saveStamp, sheetRowColumns, writeSave, type CheckedSave, type SaveSheetInput, type SheetRow } from './sheets.ts';

/** How many conflicting sheets a refusal names. */
const CONFLICTS_NAMED = 10;

export interface SaveSheetsInput {
  period: string;
  sheets: { personId: number; entry: SaveSheetInput['entry']; status: SheetStatus; expectedRevision: number }[];
}

export function saveSheets(db: Db, input: SaveSheetsInput): SavedSheets {
  return writeTransaction(db, () => {
    const { period, sheets } = input;
    const ids = JSON.stringify(sheets.map((s) => s.personId));
    // json_each: the listed ids as one bound parameter, however many they are.
    const people = new Map(
      (statement(db, 'SELECT * FROM people WHERE id IN (SELECT value FROM json_each(?))').all(ids) as Parameters<typeof toPerson>[0][]).map((r) => [r.id, toPerson(r)]),
    );
    const stored = new Map(
      (statement(db, `SELECT ${sheetRowColumns(db)} FROM sheets s WHERE s.period = ? AND s.person_id IN (SELECT value FROM json_each(?))`).all(period, ids) as SheetRow[]).map((r) => [r.person_id, r]),
    );
    const catalog = rubricCatalog(db);

    // Every sheet is checked before the first write; all problems are reported together.
    const problems: Problem[] = [];
    const conflicts: string[] = [];
    const conflictNames: string[] = [];
    const checked: CheckedSave[] = [];
    const listedAt = new Map<number, number>();
    sheets.forEach((sheet, i) => {
      const at = `sheets[${i}]`;
      const first = listedAt.get(sheet.personId);
      if (first !== undefined) return problems.push({ field: `${at}.personId`, value: sheet.personId, expected: `a person listed once (already at sheets[${first}])` });
      listedAt.set(sheet.personId, i);
      const person = people.get(sheet.personId);
      if (!person) return problems.push({ field: `${at}.personId`, value: sheet.personId, expected: 'the id of an existing person' });
      if (!activeIn(person, period)) {
        return problems.push({ field: `${at}.personId`, value: sheet.personId, expected: `a person assessed in ${period} (${person.name} is assessed ${assessedMonths(person)})` });
      }
      const check = checkSave(catalog, person, period, stored.get(person.id), sheet);
      if (check.conflict !== undefined) {
        conflictNames.push(person.name);
        return conflicts.push(`${person.name} (${at}: ${conflictText(check.conflict)})`);
      }
      if (check.problems !== undefined) return problems.push(...check.problems.map((p) => ({ ...p, field: `${at}.${p.field}` })));
      return checked.push(check.save);
    });
    if (problems.length) throw new InputError(problems, 'sheets');
    if (conflicts.length) {
      // A message to read, not a list of a whole month: the first few, and how many more.
      const named = conflicts.slice(0, CONFLICTS_NAMED).join('; ') + (conflicts.length > CONFLICTS_NAMED ? `; and ${conflicts.length - CONFLICTS_NAMED} more` : '');
      throw new ServiceError('conflict', `sheets for ${period} were changed elsewhere since they were read, or are signed (${conflicts.length}): ${named}; reload them`, {
        code: 'sheets-changed',
        period,
        count: conflicts.length,
        names: conflictNames.slice(0, CONFLICTS_NAMED),
      });
    }

    const versions = new Map(checked.map((c) => [`${c.rubric.id}@${c.rubric.version}`, c.rubric]));
    for (const rubric of versions.values()) storeRubric(db, rubric);
    const stamp = saveStamp(db);
    return {
      period,
      saved: checked.map((save) => {
        const { result } = writeSave(db, save, stamp);
        return { personId: save.person.id, revision: save.revision, status: save.status, monthlyScore: result.monthlyScore };
      }),
    };
  });
}
