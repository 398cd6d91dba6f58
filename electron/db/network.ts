/**
 * Is a database path on a network share? SQLite's file locking is not reliable over network file
 * systems (SMB/CIFS, NFS, sshfs…), so the app refuses such a database with a clear message.
 *
 * `networkShareOf` is pure (tests feed it sample /proc/mounts and `mount` outputs);
 * `detectNetworkShare` gathers the platform's mount table and calls it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface NetworkShare {
  /** File system type (cifs, nfs4, smbfs…) or 'unc' for a Windows \\server\share path. */
  type: string;
  /** The share: the mount point, or \\server\share. */
  where: string;
}

/** Linux /proc/mounts types that are network file systems. */
const LINUX_NETWORK_TYPES = new Set(['nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'sshfs', 'fuse.sshfs', 'afs', '9p', 'ncpfs', 'fuse.rclone', 'davfs', 'fuse.davfs2', 'glusterfs', 'fuse.glusterfs', 'ceph', 'fuse.ceph']);
/** macOS `mount` output types that are network file systems. */
const MAC_NETWORK_TYPES = new Set(['smbfs', 'nfs', 'afpfs', 'webdav', 'cifs', 'osxfuse', 'macfuse']);

export interface MountInfo {
  platform: NodeJS.Platform;
  /** Linux: the text of /proc/mounts. macOS: the output of `mount`. Windows: unused. */
  mounts?: string;
}

/** The network share a path lives on, or null when it is local (or unknown). `path` must be absolute. */
export function networkShareOf(path: string, info: MountInfo): NetworkShare | null {
  if (info.platform === 'win32') return uncShare(path);
  const entries = info.platform === 'darwin' ? parseMacMount(info.mounts ?? '') : parseProcMounts(info.mounts ?? '');
  const types = info.platform === 'darwin' ? MAC_NETWORK_TYPES : LINUX_NETWORK_TYPES;
  // The mount a path is on is the longest mount point that contains it.
  let best: { point: string; type: string } | null = null;
  for (const e of entries) {
    if (!contains(e.point, path)) continue;
    if (!best || e.point.length >= best.point.length) best = e;
  }
  if (!best) return null;
  return types.has(best.type) || /^nfs\d*$/.test(best.type) ? { type: best.type, where: best.point } : null;
}

/** \\server\share\… (also \\?\UNC\server\share\…); not the device paths \\?\C:\ or \\.\… */
function uncShare(path: string): NetworkShare | null {
  const p = path.replace(/\//g, '\\');
  const long = /^\\\\\?\\UNC\\([^\\]+)\\([^\\]+)/i.exec(p);
  if (long) return { type: 'unc', where: `\\\\${long[1]}\\${long[2]}` };
  if (/^\\\\[?.]\\/.test(p)) return null;
  const unc = /^\\\\([^\\]+)\\([^\\]+)/.exec(p);
  return unc ? { type: 'unc', where: `\\\\${unc[1]}\\${unc[2]}` } : null;
}

function contains(point: string, path: string): boolean {
  if (point === '/') return path.startsWith('/');
  const p = point.replace(/\/+$/, '');
  return path === p || path.startsWith(`${p}/`);
}

/** /proc/mounts: "device mountpoint type options 0 0", spaces in paths written as \040. */
export function parseProcMounts(text: string): { point: string; type: string }[] {
  const out: { point: string; type: string }[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 3) continue;
    out.push({ point: unescapeOctal(f[1]!), type: f[2]! });
  }
  return out;
}

/** macOS `mount`: "//user@server/share on /Volumes/share (smbfs, nodev, nosuid, mounted by me)". */
export function parseMacMount(text: string): { point: string; type: string }[] {
  const out: { point: string; type: string }[] = [];
  for (const line of text.split('\n')) {
    const m = / on (.+) \(([^,)]+)[,)]/.exec(line);
    if (m) out.push({ point: m[1]!, type: m[2]!.trim() });
  }
  return out;
}

function unescapeOctal(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/** The network share of an absolute path on this machine, or null (also when the mount table cannot be read). */
export function detectNetworkShare(path: string, platform: NodeJS.Platform = process.platform): NetworkShare | null {
  try {
    if (platform === 'win32') return networkShareOf(path, { platform });
    if (platform === 'darwin') return networkShareOf(path, { platform, mounts: execFileSync('/sbin/mount', { encoding: 'utf8', timeout: 2000 }) });
    return networkShareOf(path, { platform, mounts: readFileSync('/proc/mounts', 'utf8') });
  } catch {
    return null;
  }
}
