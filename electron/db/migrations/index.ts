/** The numbered migrations, in order. Migration N brings the schema to user_version N. */
import { sql as m001 } from './001-initial.ts';
import { sql as m002 } from './002-signing.ts';
import { sql as m003 } from './003-figures.ts';
import { sql as m004 } from './004-pay-score-rate.ts';
import { sql as m005 } from './005-published-rubrics.ts';
import { sql as m006 } from './006-signer-employee-no.ts';
import { sql as m007 } from './007-sheet-versions.ts';
import { sql as m008 } from './008-sheet-figures.ts';
import { sql as m009 } from './009-findings.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '001-initial', sql: m001 },
  { version: 2, name: '002-signing', sql: m002 },
  { version: 3, name: '003-figures', sql: m003 },
  { version: 4, name: '004-pay-score-rate', sql: m004 },
  { version: 5, name: '005-published-rubrics', sql: m005 },
  { version: 6, name: '006-signer-employee-no', sql: m006 },
  { version: 7, name: '007-sheet-versions', sql: m007 },
  { version: 8, name: '008-sheet-figures', sql: m008 },
  { version: 9, name: '009-findings', sql: m009 },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;
