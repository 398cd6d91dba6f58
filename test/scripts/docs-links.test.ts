// The README and docs/*.md: every relative link reaches a file or folder of the repository, every
// #anchor a heading of its page (GitHub's way of naming them); the README stays the front door
// (at most ~15 KB) and names the system tools npm test needs with the one command that installs them.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const pages = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];

/** GitHub's anchor of a heading: lower case, punctuation dropped (letters of any script kept), spaces → '-'. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\- _]/gu, '').replace(/ /g, '-');
}

/** The anchors of a Markdown page (headings outside code blocks; a repeated one gets -1, -2…). */
function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fence = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('```')) fence = !fence;
    const m = !fence && /^#{1,6} (.*)$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** The links of a Markdown page outside code: [text](target). */
function links(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '``');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

describe('README and docs/', () => {
  it('every relative link and anchor resolves', () => {
    const broken: string[] = [];
    let count = 0;
    for (const page of pages) {
      for (const link of links(page)) {
        if (/^[a-z]+:/i.test(link)) continue; // http:, mailto:
        count++;
        const [path, anchor] = link.split('#') as [string, string | undefined];
        const target = path === '' ? page : normalize(join(dirname(page), path));
        if (!existsSync(target)) {
          broken.push(`${page}: ${link} (no ${target})`);
          continue;
        }
        if (anchor !== undefined && target.endsWith('.md') && !anchors(target).has(anchor)) {
          broken.push(`${page}: ${link} (no heading #${anchor} in ${target})`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(count).toBeGreaterThan(30);
  });

  it('README is the front door: small, with the set-up, the test command and the install command', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(15_500);
    for (const command of ['npm install', 'npm start', 'npm test']) expect(readme).toContain(command);
    expect(readme).toContain('**`npm test` is the test command**');
    expect(readme).toContain('apt-get install -y --no-install-recommends chromium poppler-utils qpdf openssl libreoffice-calc-nogui fonts-noto-cjk');
  });

  it('the README layout names every renderer feature and every folder of shared/ and electron/', () => {
    const readme = readFileSync('README.md', 'utf8');
    const layout = readme.slice(readme.indexOf('## Layout'), readme.indexOf('## Architecture rules'));
    const folders = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    for (const f of folders('renderer/features')) expect(layout, `renderer/features/${f}`).toContain(`\`${f}\``);
    for (const f of folders('shared')) expect(layout, `shared/${f}`).toContain(`\`${f}/\``);
    for (const f of folders('electron')) expect(layout, `electron/${f}`).toContain(`\`${f}/\``);
    for (const f of folders('renderer').filter((f) => f !== 'features')) expect(layout, `renderer/${f}`).toContain(`\`${f}/\``);
    for (const f of folders('test')) expect(layout, `test/${f}`).toContain(`\`${f}/\``);
    for (const f of folders('.').filter((f) => !['node_modules', '.git', 'out', 'test-results', 'dist', 'coverage'].includes(f))) {
      expect(layout, f).toContain(`\`${f}/\``);
    }
  });
});
