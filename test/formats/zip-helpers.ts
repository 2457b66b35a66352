import { deflateRawSync } from 'node:zlib';
import { readZip, writeStoredZip, type ZipEntry } from '../../solver/formats/zip.js';

/**
 * A deflated ZIP archive written by hand, so a test can state sizes that lie
 * (`declaredSize`) the way a crafted zip bomb does. CRCs are left 0: readers
 * of workbooks (ours and the library's) do not check them.
 */
export function deflatedZip(entries: readonly (ZipEntry & { declaredSize?: number })[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = deflateRawSync(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The workbook with one part's XML changed, re-packed uncompressed. */
export function withPart(workbook: Buffer, name: string, change: (xml: string) => string): Buffer {
  return writeStoredZip(readZip(workbook).map((entry) => (entry.name === name ? { name, data: Buffer.from(change(entry.data.toString('utf8')), 'utf8') } : entry)));
}

export { readZip, writeStoredZip };
