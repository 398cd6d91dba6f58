// `npm run bench -- --write docs/benchmarks.md` rewrites the figures and keeps the hand-written
// part of the file (targets, what made the product faster, findings) as it is.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KEPT_MARKER, type Machine, type TableRow, writeReport } from '../../scripts/bench/report.ts';

const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const machine: Machine = {
  cpu: 'Test CPU', cores: 2, memoryGB: 4, os: 'linux test', node: 'v20.0.0', chromium: 'Chromium 1', libreoffice: 'LibreOffice 1',
  pdfsig: 'pdfsig version 1', date: '2030-01-02T03:04:05Z', load: 0.5,
};
const rows: TableRow[] = [{ measurement: 'a new measurement', product: '1 ms', baseline: '2 ms', ratio: '0.50×', target: '< 5 ms', met: 'yes' }];

describe('docs/benchmarks.md written by the benchmark', () => {
  it('a rewrite replaces the figures and keeps the hand-written part byte for byte', () => {
    const doc = readFileSync('docs/benchmarks.md', 'utf8');
    const at = doc.indexOf(KEPT_MARKER);
    expect(at).toBeGreaterThan(0); // the repository's file has its hand-written part
    const file = join(dir, 'benchmarks.md');
    copyFileSync('docs/benchmarks.md', file);

    writeReport(file, rows, machine, { seconds: 42, method: ['**Test**: a method line'] });
    const after = readFileSync(file, 'utf8');
    expect(after).toContain('Run 2030-01-02T03:04:05Z on: Test CPU');
    expect(after).toContain('| a new measurement');
    expect(after).toContain('- **Test**: a method line');
    expect(after).not.toContain('Run 2026-'); // the old figures are gone
    expect(after.slice(after.indexOf(KEPT_MARKER))).toBe(doc.slice(at));

    // Written again: the same file, nothing doubled.
    writeReport(file, rows, machine, { seconds: 42, method: ['**Test**: a method line'] });
    expect(readFileSync(file, 'utf8')).toBe(after);
    expect(after.split(KEPT_MARKER)).toHaveLength(2);
  });

  it('a new file, or one without the marker, gets the figures only', () => {
    const file = join(dir, 'new.md');
    writeReport(file, rows, machine, { seconds: 1, method: ['m'] });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(KEPT_MARKER);
    expect(text.trimEnd().endsWith('- m')).toBe(true);
  });
});
