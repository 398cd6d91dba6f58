/** Writing zip archives for tests: parts whose (raw deflate) data and claimed sizes the test chooses. */
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

const MB = 1024 * 1024;

export interface ZipPart {
  name: string;
  data: Buffer;
  crc: number;
  /** The unpacked size the archive claims. */
  size: number;
  method?: number;
}

export function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(p.method ?? 8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(p.method ?? 8, 10);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(p.data.length, 20);
    central.writeUInt32LE(p.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    centrals.push(central, name);
    offset += local.length + name.length + p.data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

export const smallPart = (name: string, text: string): ZipPart => {
  const bytes = Buffer.from(text, 'utf8');
  return { name, data: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.length };
};

/** `megabytes` of one repeated byte, deflated as a stream (never held unpacked), as a zip part. */
export async function zeros(name: string, megabytes: number, fill = 0x20): Promise<ZipPart> {
  const chunk = Buffer.alloc(MB, fill);
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  for (let i = 0; i < megabytes; i++) {
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
    crc = crc32(chunk, crc);
  }
  deflate.end();
  await done;
  return { name, data: Buffer.concat(out), crc, size: megabytes * MB };
}
