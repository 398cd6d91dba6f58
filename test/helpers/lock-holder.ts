/**
 * A process that holds a database's instance lock, for test/electron/instance-lock.test.ts:
 * takes it, prints `locked <lock file JSON>`, and keeps it until stdin closes (then exits
 * normally, releasing it) or it is killed.
 *
 *   node --import tsx test/helpers/lock-holder.ts DB_PATH desktop|browser
 */
import { readFileSync } from 'node:fs';
import { acquireInstanceLock, type InstanceKind } from '../../electron/db/instance-lock.ts';

const [dbPath, kind] = process.argv.slice(2) as [string, InstanceKind];
const lock = acquireInstanceLock(dbPath, kind);
process.stdout.write(`locked ${readFileSync(lock.path, 'utf8').trim()}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
