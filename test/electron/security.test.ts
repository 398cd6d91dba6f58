/**
 * Electron's security checklist, as far as it can be checked without the Electron binary: the
 * trust decisions (pure functions) and the shell's configuration in its sources. The built app
 * is also scanned by electronegativity in npm test (scripts/electronegativity.mjs).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp.ts';
import { APP_ORIGIN, isAppUrl, isTrustedSender } from '../../electron/security.ts';

const source = (file: string) => readFileSync(file, 'utf8');

describe('who may call the backend over IPC', () => {
  it('trusts the app’s own page in a top frame only', () => {
    expect(APP_ORIGIN).toBe('app://renderer');
    expect(isTrustedSender({ url: 'app://renderer/index.html', isTopFrame: true })).toBe(true);
    expect(isTrustedSender({ url: 'app://renderer/index.html#/roster?x=1', isTopFrame: true })).toBe(true);
    for (const url of [
      'file:///opt/app/out/renderer/index.html',
      'http://127.0.0.1:5173/',
      'https://renderer/index.html',
      'app://evil/index.html',
      'app://renderer.evil.com/',
      'app://user:pw@renderer/',
      'APP://RENDERER.example/',
      'about:blank',
      'data:text/html,<script>1</script>',
      'javascript:alert(1)',
      '',
      'not a url',
    ]) {
      expect(isTrustedSender({ url, isTopFrame: true }), url).toBe(false);
    }
    expect(isTrustedSender({ url: 'app://renderer/index.html', isTopFrame: false })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it('never trusts a random URL that is not app://renderer', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string()), (url) => {
        expect(isAppUrl(url)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('main checks every sender before any handler runs, on its one channel', () => {
    const main = source('electron/main.ts');
    expect(main.match(/ipcMain\.(handle|on|handleOnce|once)\(/g)).toEqual(['ipcMain.handle(']);
    const handler = main.slice(main.indexOf("ipcMain.handle('invoke'"));
    expect(handler.indexOf('isTrustedSender(')).toBeGreaterThan(0);
    expect(handler.indexOf('isTrustedSender(')).toBeLessThan(handler.indexOf('invoke(handlers'));
    const preload = source('electron/preload.ts');
    expect(preload.match(/ipcRenderer\.\w+/g)).toEqual(['ipcRenderer.invoke']);
    expect(preload).toContain("contextBridge.exposeInMainWorld('scorecard'");
  });
});

describe('the window and the session', () => {
  const win = source('electron/shell/window.ts');
  const main = source('electron/main.ts');
  const protocol = source('electron/shell/protocol.ts');

  it('isolates and sandboxes the renderer: no Node, web security on, no webview, no insecure content', () => {
    for (const setting of [
      'contextIsolation: true',
      'sandbox: true',
      'nodeIntegration: false',
      'webSecurity: true',
      'allowRunningInsecureContent: false',
      'webviewTag: false',
      'experimentalFeatures: false',
      "disableBlinkFeatures: 'Auxclick'",
    ]) {
      expect(win, setting).toContain(setting);
    }
    expect(win).not.toMatch(/nodeIntegration(InWorker|InSubFrames)?: true|contextIsolation: false|sandbox: false|webSecurity: false/);
  });

  it('denies navigation, redirects, new windows, webviews and every permission; never opens external URLs', () => {
    expect(win).toContain("contents.on('will-navigate'");
    expect(win).toContain("contents.on('will-redirect'");
    expect(win).toContain("contents.on('will-attach-webview', (event) => event.preventDefault())");
    expect(win).toContain("setWindowOpenHandler(() => ({ action: 'deny' }))");
    expect(win).toContain("app.on('web-contents-created'");
    expect(win).toContain('setPermissionRequestHandler((_wc, _permission, callback) => callback(false))');
    expect(win).toContain('setPermissionCheckHandler(() => false)');
    expect(win).toContain('setDevicePermissionHandler(() => false)');
    for (const file of ['electron/main.ts', 'electron/shell/window.ts', 'electron/shell/protocol.ts', 'electron/preload.ts']) {
      expect(source(file), file).not.toMatch(/openExternal\(/);
    }
    expect(main).toContain('lockDownWebContents()');
    expect(main).toContain('denyAllPermissions()');
  });

  it('serves the renderer from app:// (never file://) with the CSP header on every response', () => {
    expect(win).toContain('win.loadURL(`${APP_ORIGIN}/index.html`)');
    expect(win).not.toMatch(/loadFile|file:\/\//);
    expect(protocol).toContain("headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)");
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    // The page itself carries the same policy (minus what a meta tag cannot set), for any way it is loaded.
    const html = source('renderer/index.html');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY.replace(/; frame-ancestors 'none'/, ''));
  });
});
