/**
 * Opens an uploaded .xlsx package without trusting it: the archive within its
 * limits (zip.ts), the sheet list from the raw XML, merged cells and the number
 * of cells found before any library sees them, and a clean copy of the package
 * holding only what cell values need (the sheets to read, no defined names,
 * drawings, comments, tables or media),
 * which the workbook library then reads with every sheet part but the cell
 * data ignored. Ranges in those parts (validations, merges, column widths) are
 * expanded cell by cell by the library, which a hostile file could make take
 * forever; cell values need none of them.
 */
import type { MessageCode, MessageDetail } from '../messages.js';
import { readZip, writeStoredZip, ZipError, type ZipEntry } from './zip.js';

/** Sheets accepted in one workbook: the template has nine. */
export const MAX_SHEETS = 64;
/**
 * Cells the library may be given, in the sheets that are read. A data set at
 * every limit of the rules (50,000 traffic stretches, 5,000 of everything else)
 * has about 350,000; the library takes some 700 bytes of memory per cell, and
 * the API functions have 1 GB.
 */
export const MAX_CELLS = 600_000;

/** The file is no workbook the reader takes, as the zip reader's error is: a message of the catalog. */
export class PackageError extends ZipError {
  constructor(code: MessageCode, params: MessageDetail['params'] = {}) {
    super(code, params);
    this.name = 'PackageError';
  }
}

export interface SheetPart {
  name: string;
  /** Whether the sheet is handed to the library (`keep` said so). */
  kept: boolean;
  /** Merged ranges of the sheet, e.g. "A3:A5". */
  merges: string[];
}

export interface OpenedPackage {
  sheets: SheetPart[];
  /** The package reduced to what cell values need, for the workbook library. */
  clean: Buffer;
}

const KEPT_PARTS = new Set(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml']);
const WORKSHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) found[match[1] as string] = decodeXml(match[2] as string);
  return found;
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_, entity: string) => {
    switch (entity) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'quot': return '"';
      case 'apos': return "'";
      case 'amp': return '&';
      default: {
        const code = entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
        return code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
    }
  });
}

/** Part name a relationship target points at, relative to xl/. */
function partOf(target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const parts: string[] = [];
  for (const piece of path.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

/** Opens the package; only the sheets `keep` names are handed on (the others are not read at all). */
export function openPackage(file: Buffer, keep: (sheetName: string) => boolean): OpenedPackage {
  let entries: ZipEntry[];
  try {
    entries = readZip(file);
  } catch (error) {
    if (error instanceof ZipError) throw new PackageError(error.detail.code as MessageCode, error.detail.params);
    throw error;
  }
  const byName = new Map(entries.map((entry) => [entry.name.replace(/^\//, ''), entry.data]));
  const workbook = byName.get('xl/workbook.xml')?.toString('utf8');
  const rels = byName.get('xl/_rels/workbook.xml.rels')?.toString('utf8');
  if (workbook === undefined || rels === undefined) throw new PackageError('workbook.notXlsx', { reason: 'noWorkbookPart' });

  const targets = new Map<string, string>();
  for (const match of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const { Id, Target } = attributes(match[0]);
    if (Id !== undefined && Target !== undefined) targets.set(Id, partOf(Target));
  }
  const sheetTags = [...workbook.matchAll(/<sheet\b[^>]*>/g)];
  if (sheetTags.length > MAX_SHEETS) throw new PackageError('workbook.tooManySheets', { count: sheetTags.length, max: MAX_SHEETS });
  const keptParts = new Set<string>();
  let cells = 0;
  let cleanWorkbook = workbook.replace(/<definedNames\b[\s\S]*?<\/definedNames>/g, '');
  const sheets: SheetPart[] = sheetTags.map((match) => {
    const tag = attributes(match[0]);
    const name = tag.name ?? '';
    const part = targets.get(tag['r:id'] ?? '');
    const xml = part === undefined ? undefined : byName.get(part)?.toString('utf8');
    const kept = keep(name) && part !== undefined && xml !== undefined;
    if (!kept) {
      cleanWorkbook = cleanWorkbook.replace(match[0], '');
      return { name, kept, merges: [] };
    }
    keptParts.add(part);
    cells += (xml.match(/<c[\s>/]/g) ?? []).length;
    const merges = [...xml.matchAll(/<mergeCell\b[^>]*\bref\s*=\s*"([^"]*)"/g)].map((m) => m[1] as string);
    return { name, kept, merges };
  });
  if (cells > MAX_CELLS) {
    throw new PackageError('workbook.tooManyCells', { count: cells, max: MAX_CELLS });
  }

  const clean: ZipEntry[] = [];
  for (const [name, data] of byName) {
    // Defined names (print areas and the like) are expanded cell by cell by the library.
    if (name === 'xl/workbook.xml') clean.push({ name, data: Buffer.from(cleanWorkbook, 'utf8') });
    else if (KEPT_PARTS.has(name) || (WORKSHEET_PART.test(name) && keptParts.has(name))) clean.push({ name, data });
  }
  return { sheets, clean: writeStoredZip(clean) };
}

/** Worksheet parts the library may skip: everything but the cell data. */
export const IGNORED_SHEET_NODES = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'autoFilter', 'mergeCells', 'rowBreaks',
  'hyperlinks', 'pageMargins', 'dataValidations', 'pageSetup', 'headerFooter', 'printOptions', 'picture',
  'drawing', 'sheetProtection', 'tableParts', 'conditionalFormatting', 'extLst',
];
