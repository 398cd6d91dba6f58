/**
 * The writer of the crash test (scripts/crash-test.ts): opens the database the way the app does,
 * then saves score sheets in a loop through the contract's validation and the real sheets
 * service, and prints each acknowledged write (`ack SEQ PERSON PERIOD`) only after the service
 * returned, i.e. after the transaction committed. The parent kills it with SIGKILL at random.
 *
 *   node --import tsx scripts/crash-child.ts DB_PATH FIRST_SEQ
 */
import { writeSync } from 'node:fs';
import { parseInput } from '../shared/api/contract.ts';
import { openDatabase } from '../electron/db/database.ts';
import { getSheet, saveSheet } from '../electron/services/sheets.ts';

const CRASH_ITEM = 'dealer.rebate-forms';
const CRASH_PERIODS = ['2026-01', '2026-02', '2026-03', '2026-04'];

const [dbPath, firstSeq] = process.argv.slice(2);
if (!dbPath || !firstSeq) {
  console.error('usage: crash-child DB_PATH FIRST_SEQ');
  process.exit(2);
}
const db = openDatabase(dbPath);
const people = (db.prepare("SELECT id FROM people WHERE role = 'salesperson' AND active_from <= '2026-01' AND (active_to IS NULL OR active_to >= '2026-04') ORDER BY id").all() as { id: number }[]).map((r) => r.id);
// Synchronous writes: what is printed is in the pipe before the next write starts.
const say = (line: string) => writeSync(1, `${line}\n`);
say(`ready ${people.length}`);
for (let seq = Number(firstSeq); ; seq++) {
  const personId = people[seq % people.length]!;
  const period = CRASH_PERIODS[Math.floor(seq / people.length) % CRASH_PERIODS.length]!;
  const current = getSheet(db, { personId, period });
  const input = parseInput('sheets.save', {
    personId,
    period,
    entry: { items: { [CRASH_ITEM]: { violated: seq % 3 === 0, note: `crash ${seq}` } } },
    status: 'draft',
    expectedRevision: current.revision,
  });
  saveSheet(db, input);
  say(`ack ${seq} ${personId} ${period}`);
}
