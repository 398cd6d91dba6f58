/**
 * Packaging cannot run here (electron-builder downloads Electron), so its configuration is
 * checked instead: targets, per-user NSIS, files and icon that exist, what is unpacked from the
 * asar, the native module as an extra resource, and the fuses the afterPack hook sets.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs hook without types
import afterPack, { electronBinary, fuseConfig } from '../../scripts/after-pack.mjs';

interface Target {
  target: string;
  arch?: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  icon: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  extraResources: { from: string; to: string }[];
  afterPack: string;
  directories: { output: string; buildResources: string };
  win: { target: Target[]; icon: string };
  nsis: { oneClick: boolean; perMachine: boolean; allowElevation: boolean };
  mac: { target: Target[]; icon: string };
  linux: { target: Target[]; icon: string; executableName: string; maintainer: string };
}

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
const targets = (list: Target[]) => list.map((t) => t.target);

/** The files under `dir`, relative to the repository. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}

/** A PNG's width and height. */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it('names the app and builds NSIS (per user) for Windows, dmg for macOS, AppImage and deb for Linux', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+){2,}$/);
    expect(config.productName).toMatch(/^[\x20-\x7e]+$/);
    expect(targets(config.win.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ perMachine: false, allowElevation: false });
    expect(targets(config.mac.target)).toEqual(['dmg']);
    expect(targets(config.linux.target).sort()).toEqual(['AppImage', 'deb']);
    expect(config.linux.maintainer).toMatch(/<[^@>]+@[^>]+>/); // deb needs one
  });

  it('has an icon electron-builder can turn into .ico and .icns: a square PNG of at least 512 (1024 here)', () => {
    for (const icon of [config.icon, config.win.icon, config.mac.icon, config.linux.icon]) {
      expect(existsSync(icon), icon).toBe(true);
      const [w, h] = pngSize(icon);
      expect(w).toBe(h);
      expect(w).toBeGreaterThanOrEqual(512);
    }
    expect(config.directories.buildResources).toBe('resources');
  });

  it('ships the build and the fonts, and unpacks the CJK fonts and the native module from the asar', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'resources/fonts/**', 'package.json']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['resources/fonts/**', '**/node_modules/better-sqlite3/**']));
    // Every unpack entry names files that exist.
    for (const entry of config.asarUnpack) {
      const dir = entry.replace(/^\*\*\//, '').replace(/\/\*\*$/, '');
      expect(filesUnder(dir).length, entry).toBeGreaterThan(0);
    }
    const fonts = filesUnder('resources/fonts');
    expect(fonts).toEqual(expect.arrayContaining(['NotoSansSC-Sheet-Regular.otf', 'NotoSansSC-Sheet-Bold.otf', 'OFL.txt']));
    // The package's main entry is in the shipped build.
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(pkg.main).toBe('out/main/main.js');
    expect(pkg.scripts.dist).toBe('node scripts/dist.mjs');
  });

  it('ships better-sqlite3 built for Electron as an extra resource where main.ts looks, and never rebuilds node_modules', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.extraResources).toContainEqual({ from: 'out/native/better_sqlite3.node', to: 'native/better_sqlite3.node' });
    const main = readFileSync('electron/main.ts', 'utf8');
    expect(main).toContain("join(process.resourcesPath, 'native', 'better_sqlite3.node')");
    const dist = readFileSync('scripts/dist.mjs', 'utf8');
    expect(dist).toContain("import('@electron/rebuild')");
    expect(dist).toContain("cpSync(built, 'out/native/better_sqlite3.node')");
  });
});

describe('the afterPack hook', () => {
  it('is the hook electron-builder runs, and sets the seven fuses', () => {
    expect(config.afterPack).toBe('./scripts/after-pack.mjs');
    expect(existsSync(config.afterPack)).toBe(true);
    expect(typeof afterPack).toBe('function');
    const fuses = fuseConfig('linux') as Record<string | number, unknown>;
    expect(fuses.version).toBe(FuseVersion.V1);
    expect(fuses[FuseV1Options.RunAsNode]).toBe(false);
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(fuses[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    expect(fuses[FuseV1Options.EnableCookieEncryption]).toBe(true);
    // Every fuse is set on purpose: none left to Electron's default but the V8 snapshot one.
    const set = Object.keys(fuses).filter((k) => /^\d+$/.test(k)).map(Number).sort((a, b) => a - b);
    expect(set).toEqual(
      [
        FuseV1Options.RunAsNode,
        FuseV1Options.EnableCookieEncryption,
        FuseV1Options.EnableNodeOptionsEnvironmentVariable,
        FuseV1Options.EnableNodeCliInspectArguments,
        FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
        FuseV1Options.OnlyLoadAppFromAsar,
        FuseV1Options.GrantFileProtocolExtraPrivileges,
      ].sort((a, b) => a - b),
    );
    expect((fuseConfig('darwin') as { resetAdHocDarwinSignature: boolean }).resetAdHocDarwinSignature).toBe(true);
  });

  it('finds the Electron binary of each platform', () => {
    const context = (electronPlatformName: string) => ({
      electronPlatformName,
      appOutDir: '/build/app',
      packager: { appInfo: { productFilename: 'Staff Assessment' }, executableName: 'staff-assessment' },
    });
    expect(electronBinary(context('win32'))).toBe(join('/build/app', 'Staff Assessment.exe'));
    expect(electronBinary(context('darwin'))).toBe(join('/build/app', 'Staff Assessment.app'));
    expect(electronBinary(context('linux'))).toBe(join('/build/app', 'staff-assessment'));
  });
});
