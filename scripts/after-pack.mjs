// electron-builder afterPack hook: flips Electron's fuses in the packaged binary before it is
// signed and wrapped in an installer. Referenced by electron-builder.yml; the configuration is
// checked by test/electron/packaging.test.ts.
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

/** The fuses this app sets (https://www.electronjs.org/docs/latest/tutorial/fuses). */
export function fuseConfig(platform) {
  return {
    version: FuseVersion.V1,
    // Flipping fuses invalidates an ad-hoc signature on Apple silicon: re-sign ad hoc (a real signature comes later).
    resetAdHocDarwinSignature: platform === 'darwin',
    // The binary can never be started as a plain Node.js (ELECTRON_RUN_AS_NODE).
    [FuseV1Options.RunAsNode]: false,
    // NODE_OPTIONS and --inspect/--inspect-brk are ignored: no code injection through the environment or a debugger port.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // Only the app in app.asar runs, and the archive is checked against its recorded hash (macOS, Windows).
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    // file:// pages get no more than any page (no reading every other file:// URL). The renderer is
    // served over app://, whose handler fetches file:// from the main process: whether that still
    // works with this fuse off is checked on the first packaged build (docs/desktop.md).
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    // Cookies and other network state on disk are encrypted with the OS keychain's key.
    [FuseV1Options.EnableCookieEncryption]: true,
  };
}

/** The Electron executable electron-builder just laid out in appOutDir. */
export function electronBinary(context) {
  const platform = context.electronPlatformName;
  const name = context.packager.appInfo.productFilename;
  if (platform === 'darwin' || platform === 'mas') return join(context.appOutDir, `${name}.app`);
  if (platform === 'win32') return join(context.appOutDir, `${name}.exe`);
  return join(context.appOutDir, context.packager.executableName);
}

export default async function afterPack(context) {
  const binary = electronBinary(context);
  await flipFuses(binary, fuseConfig(context.electronPlatformName));
  console.log(`  • fuses set in ${binary}`);
}
