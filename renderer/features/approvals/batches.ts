/**
 * Splitting many files into calls the backend accepts. No DOM here (unit-tested in test/renderer).
 *
 * Limits (the contract's, shared/api/contract.ts): at most MAX_FILES_PER_CALL files per call, a
 * file of at most MAX_UPLOAD_BYTES, and in browser mode a request body of at most
 * MAX_REQUEST_BYTES. A call therefore carries at most FILES_PER_CALL files and, unless it is one
 * file alone, at most BYTES_PER_CALL bytes (base64 adds a third).
 */
import { MAX_FILES_PER_CALL, MAX_REQUEST_BYTES, MAX_UPLOAD_BYTES } from '../../../shared/api/contract.ts';

/** The largest file sent. */
export const MAX_FILE_BYTES = MAX_UPLOAD_BYTES;
/** Fewer than the contract allows per call, so the progress bar moves while the server verifies each file. */
export const FILES_PER_CALL = Math.min(20, MAX_FILES_PER_CALL);
/** Bytes of files per call: their base64 (4/3 as many) and the JSON around it stay under browser mode's body limit. */
export const BYTES_PER_CALL = Math.floor((MAX_REQUEST_BYTES * 0.8 * 3) / 4);

export interface Sized {
  size: number;
}

/** Files larger than MAX_FILE_BYTES, and the rest. */
export function splitBySize<F extends Sized>(files: readonly F[], max = MAX_FILE_BYTES): { ok: F[]; tooBig: F[] } {
  const ok: F[] = [];
  const tooBig: F[] = [];
  for (const file of files) (file.size > max ? tooBig : ok).push(file);
  return { ok, tooBig };
}

/** The files in order, cut into calls of at most `perCall` files and `bytesPerCall` bytes (a larger file goes alone). */
export function planBatches<F extends Sized>(files: readonly F[], perCall = FILES_PER_CALL, bytesPerCall = BYTES_PER_CALL): F[][] {
  const batches: F[][] = [];
  let current: F[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length > 0 && (current.length >= perCall || bytes + file.size > bytesPerCall)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** `items` in chunks of at most `size` (sha256 lists for hr.import: at most 100 per call). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A size for messages: "10 MB", "11.2 MB", "850 KB"; rounded up (a file just over a limit must not read as the limit). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.ceil((10 * bytes) / (1024 * 1024)) / 10} MB`;
  return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}

/** Whether a file name is a PDF's (by its extension). */
export function isPdfName(name: string): boolean {
  return /\.pdf$/i.test(name);
}
