/**
 * The crash test, short run (the full one, 200 kills: `npm run crash-test`): a writer saving
 * sheets through the real services is killed with SIGKILL at random moments; after every kill
 * every acknowledged write is present and integrity_check is ok.
 */
import { describe, expect, it } from 'vitest';
import { runCrashTest } from '../../scripts/crash-test.ts';

describe('crash test', () => {
  it('15 SIGKILLs at random moments: every acknowledged write present, integrity_check ok each time', async () => {
    const report = await runCrashTest({ kills: 15 });
    console.log(`crash test: ${report.kills} SIGKILLs (${report.killedWhileOpening} while opening), ${report.writes} acknowledged writes, ${report.checks} write checks, problems: ${report.problems.length}`);
    expect(report.problems).toEqual([]);
    expect(report.kills).toBe(15);
    expect(report.writes).toBeGreaterThan(15);
  }, 180_000);
});
