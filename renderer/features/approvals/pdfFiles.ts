/**
 * The PDF files in what the user dropped or chose: files, and whole folders walked through
 * DataTransferItem.webkitGetAsEntry (a drop) or `<input webkitdirectory>` (a folder dialog).
 * Inside folders only .pdf files are kept; a file chosen by itself that is not a .pdf is named.
 */
import { isPdfName } from './batches.ts';

export interface Collected {
  pdfs: File[];
  /** Files chosen or dropped by themselves that are not .pdf files (their names). */
  notPdf: string[];
  /** Other files met inside folders (left out). */
  skippedInFolders: number;
}

type Source = { entry: FileSystemDirectoryEntry } | { file: File };

/**
 * What a drop carries. Must run inside the drop event itself: the browser empties the
 * DataTransfer once the handler returns, so the entries are taken now and walked later.
 */
export function dropSources(data: DataTransfer): Source[] {
  const items = Array.from(data.items ?? []).filter((item) => item.kind === 'file');
  if (items.length === 0) return Array.from(data.files).map((file) => ({ file }));
  const sources: Source[] = [];
  for (const item of items) {
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry?.isDirectory) {
      sources.push({ entry: entry as FileSystemDirectoryEntry });
      continue;
    }
    const file = item.getAsFile();
    if (file) sources.push({ file });
  }
  return sources;
}

/** The PDFs of a drop (folders walked recursively, in the order the browser lists them). */
export async function collectDrop(sources: readonly Source[]): Promise<Collected> {
  const out: Collected = { pdfs: [], notPdf: [], skippedInFolders: 0 };
  for (const source of sources) {
    if ('entry' in source) await walk(source.entry, out);
    else if (isPdfName(source.file.name)) out.pdfs.push(source.file);
    else out.notPdf.push(source.file.name);
  }
  return out;
}

/** The PDFs of a file dialog; `folder`: the dialog chose a folder (webkitdirectory). */
export function collectChosen(list: FileList | null, folder: boolean): Collected {
  const out: Collected = { pdfs: [], notPdf: [], skippedInFolders: 0 };
  for (const file of Array.from(list ?? [])) {
    if (isPdfName(file.name)) out.pdfs.push(file);
    else if (folder) out.skippedInFolders++;
    else out.notPdf.push(file.name);
  }
  return out;
}

async function walk(dir: FileSystemDirectoryEntry, out: Collected): Promise<void> {
  const reader = dir.createReader();
  // readEntries answers in portions (100 at a time in Chromium) until it answers with none.
  for (;;) {
    const entries = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (entries.length === 0) return;
    for (const entry of entries) {
      if (entry.isDirectory) await walk(entry as FileSystemDirectoryEntry, out);
      else if (entry.isFile && isPdfName(entry.name)) out.pdfs.push(await fileOf(entry as FileSystemFileEntry));
      else out.skippedInFolders++;
    }
  }
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}
