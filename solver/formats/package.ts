/**
 * Opens an uploaded .xlsx package without trusting it: the archive within its
 * limits (zip.ts), the sheet list from the raw XML, merged cells found before
 * any library sees them, and a clean copy of the package holding only what
 * cell values need (no defined names, drawings, comments, tables or media),
 * which the workbook library then reads with every sheet part but the cell
 * data ignored. Ranges in those parts (validations, merges, column widths) are
 * expanded cell by cell by the library, which a hostile file could make take
 * forever; cell values need none of them.
 */
import { readZip, writeStoredZip, ZipError, type ZipEntry } from './zip.js';

/** Sheets accepted in one workbook: the template has nine. */
export const MAX_SHEETS = 64;

export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}

export interface SheetPart {
  name: string;
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

export function openPackage(file: Buffer): OpenedPackage {
  let entries: ZipEntry[];
  try {
    entries = readZip(file);
  } catch (error) {
    if (error instanceof ZipError) throw new PackageError(error.message);
    throw error;
  }
  const byName = new Map(entries.map((entry) => [entry.name.replace(/^\//, ''), entry.data]));
  const workbook = byName.get('xl/workbook.xml')?.toString('utf8');
  const rels = byName.get('xl/_rels/workbook.xml.rels')?.toString('utf8');
  if (workbook === undefined || rels === undefined) throw new PackageError('not an .xlsx workbook (no workbook part in the archive)');

  const targets = new Map<string, string>();
  for (const match of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const { Id, Target } = attributes(match[0]);
    if (Id !== undefined && Target !== undefined) targets.set(Id, partOf(Target));
  }
  const sheetTags = [...workbook.matchAll(/<sheet\b[^>]*>/g)];
  if (sheetTags.length > MAX_SHEETS) throw new PackageError(`the workbook has ${sheetTags.length} sheets; at most ${MAX_SHEETS} are accepted`);
  const sheets: SheetPart[] = sheetTags.map((match) => {
    const tag = attributes(match[0]);
    const part = targets.get(tag['r:id'] ?? '');
    const xml = part === undefined ? undefined : byName.get(part)?.toString('utf8');
    const merges = xml === undefined ? [] : [...xml.matchAll(/<mergeCell\b[^>]*\bref\s*=\s*"([^"]*)"/g)].map((m) => m[1] as string);
    return { name: tag.name ?? '', merges };
  });

  const kept: ZipEntry[] = [];
  for (const [name, data] of byName) {
    if (name === 'xl/workbook.xml') {
      // Defined names (print areas and the like) are expanded cell by cell by the library.
      kept.push({ name, data: Buffer.from(workbook.replace(/<definedNames\b[\s\S]*?<\/definedNames>/g, ''), 'utf8') });
    } else if (KEPT_PARTS.has(name) || WORKSHEET_PART.test(name)) {
      kept.push({ name, data });
    }
  }
  return { sheets, clean: writeStoredZip(kept) };
}

/** Worksheet parts the library may skip: everything but the cell data. */
export const IGNORED_SHEET_NODES = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'autoFilter', 'mergeCells', 'rowBreaks',
  'hyperlinks', 'pageMargins', 'dataValidations', 'pageSetup', 'headerFooter', 'printOptions', 'picture',
  'drawing', 'sheetProtection', 'tableParts', 'conditionalFormatting', 'extLst',
];
