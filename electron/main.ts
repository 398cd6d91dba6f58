/**
 * The Electron main process: thin. It opens the database, registers the handler map behind one
 * IPC channel (checking every sender), serves the renderer over app://, and opens one window.
 */
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFontDirectory } from './pdf/fonts.ts';
import { DatabaseRefused, openDatabase, type Db } from './db/database.ts';
import { acquireInstanceLock, InstanceLocked, type InstanceLock } from './db/instance-lock.ts';
import { createHandlers, invoke } from './handlers.ts';
import { resolveDbPath } from './paths.ts';
import { registerAppScheme, serveRenderer } from './shell/protocol.ts';
import { createMainWindow, denyAllPermissions, lockDownWebContents } from './shell/window.ts';
import { isTrustedSender } from './security.ts';
import { warmUpWhenIdle } from './pdf/render.ts';
import { lockAll } from './services/session-unlock.ts';

let db: Db | undefined;
let lock: InstanceLock | undefined;
/** out/main, where this file runs from once built. */
const here = dirname(fileURLToPath(import.meta.url));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  lockDownWebContents();
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.whenReady().then(start, (err: unknown) => fail(String(err)));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    // Identities unlocked for the session lock with the app (they live in this process's memory only).
    if (db) lockAll(db);
    db?.close();
    lock?.release();
  });
}

/** better-sqlite3 built for Electron's ABI, kept apart from the Node build used by tests and the CLI. */
function electronNativeBinding(): string | undefined {
  const candidates = [join(process.resourcesPath, 'native', 'better_sqlite3.node'), join(app.getAppPath(), 'out', 'native', 'better_sqlite3.node')];
  return candidates.find((p) => existsSync(p));
}

function start(): void {
  // Packaged, the fonts are unpacked from the asar (electron-builder.yml asarUnpack): read them there.
  const unpackedFonts = join(process.resourcesPath, 'app.asar.unpacked', 'resources', 'fonts');
  if (app.isPackaged && existsSync(unpackedFonts)) setFontDirectory(unpackedFonts);
  const dbPath = resolveDbPath(process.argv, { ...process.env, SCORECARD_DB: process.env.SCORECARD_DB ?? join(app.getPath('userData'), 'scorecard.db') });
  try {
    mkdirSync(dirname(dbPath), { recursive: true });
    // One app per database file: browser mode (npm run web) on the same file is refused, and refuses this one.
    lock = acquireInstanceLock(dbPath, 'desktop');
    const nativeBinding = electronNativeBinding();
    db = openDatabase(dbPath, nativeBinding ? { nativeBinding } : {});
  } catch (err) {
    lock?.release();
    return fail(err instanceof DatabaseRefused || err instanceof InstanceLocked ? err.message : `Cannot open the database ${dbPath}: ${(err as Error).message}`);
  }
  const handlers = createHandlers(db, { dbPath, appVersion: app.getVersion(), chooseFolder });
  ipcMain.handle('invoke', (event, name: unknown, input: unknown) => {
    // Only the app's own page (its top frame, served from app://renderer) may call the backend.
    const frame = event.senderFrame;
    if (!isTrustedSender(frame ? { url: frame.url, isTopFrame: frame.parent === null } : null)) return { ok: false, error: { kind: 'input', message: 'calls are accepted from the app window only' } };
    return invoke(handlers, name, input);
  });
  denyAllPermissions();
  serveRenderer(join(here, '..', 'renderer'));
  createMainWindow(join(here, '..', 'preload', 'preload.cjs'));
  warmUpWhenIdle();
}

/** The native folder dialog, over the app's window: where the user saves a bulk job's files. */
async function chooseFolder(title: string): Promise<string | null> {
  const options = { title, properties: ['openDirectory', 'createDirectory', 'promptToCreate'] as ('openDirectory' | 'createDirectory' | 'promptToCreate')[] };
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const chosen = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
}

function fail(message: string): void {
  dialog.showErrorBox('绩效考核 · Staff assessment', message);
  app.exit(1);
}
