/** Cutting many files into calls the backend accepts (renderer/features/approvals/batches.ts). */
import { describe, expect, it } from 'vitest';
import { BYTES_PER_CALL, FILES_PER_CALL, MAX_FILE_BYTES, chunks, formatBytes, isPdfName, planBatches, splitBySize } from '../../renderer/features/approvals/batches.ts';

const file = (name: string, size: number) => ({ name, size });

describe('planBatches', () => {
  it('keeps the order and puts at most FILES_PER_CALL files in a call (the contract allows 100)', () => {
    const files = Array.from({ length: 2 * FILES_PER_CALL + 3 }, (_, i) => file(`f${i}.pdf`, 1000));
    const batches = planBatches(files);
    expect(FILES_PER_CALL).toBeLessThanOrEqual(100);
    expect(batches.map((b) => b.length)).toEqual([FILES_PER_CALL, FILES_PER_CALL, 3]);
    expect(batches.flat()).toEqual(files);
  });

  it('keeps a call under the byte budget; a file at the size limit goes alone', () => {
    const big = file('big.pdf', MAX_FILE_BYTES);
    const mid = file('mid.pdf', 4 * 1024 * 1024);
    const batches = planBatches([mid, mid, big, mid, mid, mid, mid]);
    for (const batch of batches) {
      const bytes = batch.reduce((sum, f) => sum + f.size, 0);
      expect(batch.length === 1 || bytes <= BYTES_PER_CALL).toBe(true);
    }
    expect(batches.map((b) => b.map((f) => f.name))).toEqual([['mid.pdf', 'mid.pdf'], ['big.pdf'], ['mid.pdf', 'mid.pdf', 'mid.pdf'], ['mid.pdf']]);
  });

  it('a 10 MB file and its request fit browser mode (base64 of the budget under 20 MB) and the contract (≤ 14,000,000 base64 characters)', () => {
    expect(Math.ceil(MAX_FILE_BYTES / 3) * 4).toBeLessThanOrEqual(14_000_000);
    expect(Math.ceil(Math.max(BYTES_PER_CALL, MAX_FILE_BYTES) / 3) * 4).toBeLessThan(20 * 1024 * 1024 - 64 * 1024);
  });

  it('no files, no calls', () => {
    expect(planBatches([])).toEqual([]);
  });
});

describe('splitBySize, chunks, names', () => {
  it('refuses files over the limit, keeps those at it', () => {
    const { ok, tooBig } = splitBySize([file('a.pdf', MAX_FILE_BYTES), file('b.pdf', MAX_FILE_BYTES + 1)]);
    expect(ok.map((f) => f.name)).toEqual(['a.pdf']);
    expect(tooBig.map((f) => f.name)).toEqual(['b.pdf']);
  });

  it('chunks lists (hr.import takes at most 100 SHA-256s)', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 100)).toEqual([]);
  });

  it('formats sizes and recognises PDFs by extension', () => {
    expect(formatBytes(MAX_FILE_BYTES)).toBe('10 MB');
    expect(formatBytes(11.25 * 1024 * 1024)).toBe('11.3 MB');
    expect(formatBytes(MAX_FILE_BYTES + 1)).toBe('10.1 MB');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(isPdfName('S-101-2026-10.PDF')).toBe(true);
    expect(isPdfName('notes.txt')).toBe(false);
    expect(isPdfName('pdf')).toBe(false);
  });
});
