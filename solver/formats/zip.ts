/**
 * Just enough of the ZIP format to open an uploaded workbook safely: read the
 * central directory, refuse what a workbook never needs (encryption, ZIP64,
 * thousands of entries) and inflate each entry with its declared size as a hard
 * cap, so a zip bomb is caught by the numbers it states and, when it lies about
 * them, after at most that many bytes. And a writer of uncompressed archives, to
 * hand the workbook library only the parts that hold cell values.
 *
 * Pure computation on buffers (zlib is a compression library, not I/O).
 */
import { msg, renderMessage, type MessageCode, type MessageDetail } from '../messages.js';
import { inflateRawSync } from 'node:zlib';

/** Limits of an uploaded workbook archive; a data set of 5,000 service areas uses a few MB. */
export const ZIP_LIMITS = {
  /** Files in the archive. A workbook has about ten plus one per sheet. */
  entries: 500,
  /** Bytes of all files once inflated. A data set at every limit of the rules is about 15 MB. */
  totalBytes: 32 * 1024 * 1024,
} as const;

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** The archive cannot be opened or breaks a limit; the message is for the person who sent it. */
export class ZipError extends Error {
  /** The message's code in the catalog and its params, beside the English `message`. */
  readonly detail: MessageDetail;
  constructor(code: MessageCode, params: MessageDetail['params'] = {}) {
    super(renderMessage(msg(code, params)));
    this.name = 'ZipError';
    this.detail = msg(code, params);
  }
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  const lowest = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= lowest; at -= 1) {
    if (zip.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  throw new ZipError('workbook.notXlsx', { reason: 'noZip' });
}

/** Reads every file of the archive within ZIP_LIMITS, or throws ZipError. */
export function readZip(zip: Buffer): ZipEntry[] {
  if (zip.length < 22) throw new ZipError('workbook.notXlsx', { reason: 'tooShort' });
  const eocd = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(eocd + 10);
  const directorySize = zip.readUInt32LE(eocd + 12);
  const directoryOffset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new ZipError('workbook.zip64');
  if (count > ZIP_LIMITS.entries) throw new ZipError('workbook.tooManyFiles', { count, max: ZIP_LIMITS.entries });
  if (directoryOffset + directorySize > eocd) throw new ZipError('workbook.notXlsx', { reason: 'damagedDirectory' });

  const entries: ZipEntry[] = [];
  let declaredTotal = 0;
  let at = directoryOffset;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > eocd || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw new ZipError('workbook.notXlsx', { reason: 'damagedDirectory' });
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    if (at + 46 + nameLength > eocd) throw new ZipError('workbook.notXlsx', { reason: 'damagedDirectory' });
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x1) throw new ZipError('workbook.encrypted');
    declaredTotal += size;
    if (declaredTotal > ZIP_LIMITS.totalBytes) {
      throw new ZipError('workbook.tooBig', { mb: ZIP_LIMITS.totalBytes / 1024 / 1024 });
    }
    if (name.endsWith('/')) continue;
    entries.push({ name, data: inflateEntry(zip, { name, method, localOffset, compressedSize, size }) });
  }
  return entries;
}

function inflateEntry(
  zip: Buffer,
  entry: { name: string; method: number; localOffset: number; compressedSize: number; size: number },
): Buffer {
  const { localOffset, compressedSize, size } = entry;
  if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) {
    throw new ZipError('workbook.notXlsx', { reason: 'damagedEntry', entry: entry.name });
  }
  const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
  if (start + compressedSize > zip.length) throw new ZipError('workbook.notXlsx', { reason: 'truncatedEntry', entry: entry.name });
  const raw = zip.subarray(start, start + compressedSize);
  let data: Buffer;
  if (entry.method === 0) {
    data = raw;
  } else if (entry.method === 8) {
    try {
      // One byte more than declared: a bomb that understates its size stops here.
      data = inflateRawSync(raw, { maxOutputLength: size + 1 });
    } catch {
      throw new ZipError('workbook.notXlsx', { reason: 'sizeMismatch', entry: entry.name, size });
    }
  } else {
    throw new ZipError('workbook.compression', { entry: entry.name, method: entry.method });
  }
  if (data.length !== size) throw new ZipError('workbook.notXlsx', { reason: 'sizeMismatch', entry: entry.name, size });
  return data;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** An archive of uncompressed (stored) files. */
export function writeStoredZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_SIGNATURE, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_SIGNATURE, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += 30 + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD_SIGNATURE, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
