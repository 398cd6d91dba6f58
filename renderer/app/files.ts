/** Files in and out of the renderer: read a chosen file as base64, save a FileData as a download. */
import type { FileData } from '../../shared/api/types.ts';

export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** Offers `file` as a download under its own name (a Blob URL: works in the browser and in Electron). */
export function downloadFile(file: FileData, type = 'application/octet-stream'): void {
  const binary = atob(file.dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The first 8 hex digits of a fingerprint, for test ids. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.replace(/:/g, '').slice(0, 8);
}

/** Whether `name` ends with one of the extensions of an `accept` list (".p12,.pfx"). */
export function hasExtension(name: string, accept: string): boolean {
  const lower = name.toLowerCase();
  return accept.split(',').some((ext) => lower.endsWith(ext.trim().toLowerCase()));
}
