/**
 * Reads a data set workbook (the template's layout, layout.ts) into a data set.
 * The data set rules are validate.ts's, not repeated here: the reader turns
 * cells into the JSON a person would have written, remembers which cell each
 * JSON path came from, validates, and names every problem by sheet, cell and
 * JSON path. Blank rows are skipped (trailing ones included); sheets the layout
 * does not name (the instructions, a planner's notes) are ignored.
 */
import { issueOf, type MessageCode } from '../messages.js';
import type { Dataset } from '../types.js';
import { validateDataset } from '../validate.js';
import { readCell } from './cells.js';
import { excel } from './excel.js';
import type { WorkbookIssue, WorkbookResult } from './issues.js';
import {
  columnLetter,
  DATA_SHEETS,
  FIELD_SHEET_COLUMNS,
  fieldOfHeader,
  matchesSheet,
  type Field,
  type FieldSheet,
  type SheetLayout,
  type TableSheet,
} from './layout.js';
import { IGNORED_SHEET_NODES, openPackage, PackageError, type OpenedPackage } from './package.js';

/** Rows read per sheet at most: the largest part (traffic, 50,000 stretches) and its header. */
const MAX_ROWS = 50_001;
/** Columns read per row at most: the widest sheet has 13, and a planner may add notes beside them. */
const MAX_COLUMNS = 256;

type Worksheet = import('exceljs').Worksheet;
type JsonObject = Record<string, unknown>;

/** Where a JSON path's value came from. */
interface Origin {
  sheet: string;
  cell?: string;
}

/** A workbook turned into JSON, not yet validated, with the cell behind each path. */
export interface WorkbookJson {
  value: JsonObject;
  /** Sheet and cell of a JSON path (or of its nearest parent that has one). */
  locate(path: string): Origin | undefined;
  /** Problems of the cells and sheets themselves (unreadable cells, unknown columns, merged cells). */
  issues: WorkbookIssue[];
  /** Paths already named by `issues`, which the data set rules would only repeat ("required"). */
  reported: Set<string>;
}

/** Reads a workbook into JSON with cell origins; only a file that is no workbook ends the reading. */
export async function readWorkbookJson(file: Buffer): Promise<WorkbookResult<WorkbookJson>> {
  let opened: OpenedPackage;
  try {
    opened = openPackage(file, (name) => DATA_SHEETS.some((layout) => matchesSheet(layout, name)));
  } catch (error) {
    if (error instanceof PackageError) return { ok: false, issues: [issueOf('$', error.detail.code as MessageCode, error.detail.params)] };
    throw error;
  }
  const ExcelJS = await excel();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(opened.clean as never, {
      ignoreNodes: IGNORED_SHEET_NODES,
      maxRows: MAX_ROWS,
      maxCols: MAX_COLUMNS,
    } as never);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]?.slice(0, 200) : 'unreadable';
    return { ok: false, issues: [issueOf('$', 'workbook.unreadable', { reason: reason ?? 'unreadable' })] };
  }
  return new WorkbookReader(opened).read(workbook.worksheets);
}

class WorkbookReader {
  private readonly issues: WorkbookIssue[] = [];
  private readonly origins = new Map<string, Origin>();
  private readonly reported = new Set<string>();

  constructor(private readonly opened: OpenedPackage) {}

  read(worksheets: Worksheet[]): WorkbookResult<WorkbookJson> {
    const value: JsonObject = {};
    for (const layout of DATA_SHEETS) {
      const worksheet = worksheets.find((sheet) => matchesSheet(layout, sheet.name));
      if (worksheet === undefined) {
        const optional = layout.part === 'assumptions' || layout.part === 'costs';
        if (!optional) {
          this.issues.push({ ...issueOf(layout.part, 'sheet.missing', { sheet: layout.name }), sheet: layout.name });
          this.reported.add(layout.part);
          for (const field of layout.fields) this.reported.add(field.key);
        }
        continue;
      }
      if (!this.checkMerges(layout, worksheet.name)) continue;
      if (layout.type === 'table') value[layout.part] = this.readTable(layout, worksheet);
      else this.readFields(layout, worksheet, value);
    }
    const origins = this.origins;
    return {
      ok: true,
      value: {
        value,
        issues: this.issues,
        reported: this.reported,
        locate(path) {
          for (let at = path; at !== ''; at = parentPath(at)) {
            const origin = origins.get(at);
            if (origin !== undefined) return origin;
          }
          return undefined;
        },
      },
    };
  }

  private checkMerges(layout: SheetLayout, sheetName: string): boolean {
    const merges = this.opened.sheets.find((sheet) => sheet.name === sheetName)?.merges ?? [];
    for (const range of merges.slice(0, 20)) {
      this.issues.push({ ...issueOf(layout.part, 'sheet.merged'), sheet: sheetName, cell: range });
    }
    if (merges.length === 0) return true;
    // The sheet is not read: what it would have given is not missing, it is unread.
    this.reported.add(layout.part);
    if (layout.part === '$') for (const field of layout.fields) this.reported.add(field.key);
    return false;
  }

  private readTable(layout: TableSheet, worksheet: Worksheet): JsonObject[] {
    const sheet = worksheet.name;
    this.origins.set(layout.part, { sheet });
    const columns = new Map<number, Field>();
    const seen = new Map<string, number>();
    worksheet.getRow(1).eachCell({ includeEmpty: false }, (cell, column) => {
      const reading = readCell(cell.value, 'text');
      if (reading.kind !== 'value') return;
      const header = String(reading.value);
      const field = fieldOfHeader(layout.fields, header);
      const at = `${columnLetter(column)}1`;
      if (field === undefined) {
        this.issues.push({ ...issueOf(layout.part, 'sheet.unknownColumn', { header, columns: layout.fields.map((f) => f.key) }), sheet, cell: at });
      } else if (seen.has(field.key)) {
        this.issues.push({ ...issueOf(layout.part, 'sheet.columnTwice', { field: field.key, cell: `${columnLetter(seen.get(field.key) as number)}1` }), sheet, cell: at });
      } else {
        seen.set(field.key, column);
        columns.set(column, field);
      }
    });
    if (columns.size === 0) {
      this.issues.push({ ...issueOf(layout.part, 'sheet.noHeaders'), sheet, cell: '1:1' });
      return [];
    }
    const items: JsonObject[] = [];
    for (let rowNumber = 2; rowNumber <= worksheet.rowCount; rowNumber += 1) {
      const row = worksheet.getRow(rowNumber);
      const item: JsonObject = {};
      const origins: [string, Origin][] = [];
      const path = `${layout.part}[${items.length}]`;
      let filled = false;
      for (const [column, field] of columns) {
        const cell = `${columnLetter(column)}${rowNumber}`;
        const reading = readCell(row.getCell(column).value, field.kind);
        const fieldPath = `${path}.${field.key}`;
        origins.push([fieldPath, { sheet, cell }]);
        if (reading.kind === 'blank') continue;
        filled = true;
        if (reading.kind === 'problem') {
          this.issues.push({ ...issueOf(fieldPath, reading.code, reading.params), sheet, cell });
          this.reported.add(fieldPath);
        } else {
          setPath(item, field.key, reading.value);
        }
      }
      if (!filled) continue;
      this.origins.set(path, { sheet, cell: `${rowNumber}:${rowNumber}` });
      for (const [fieldPath, origin] of origins) this.origins.set(fieldPath, origin);
      items.push(item);
    }
    return items;
  }

  private readFields(layout: FieldSheet, worksheet: Worksheet, top: JsonObject): void {
    const sheet = worksheet.name;
    const target: JsonObject = layout.part === '$' ? top : {};
    const prefix = layout.part === '$' ? '' : `${layout.part}.`;
    if (layout.part !== '$') this.origins.set(layout.part, { sheet });
    const seen = new Map<string, number>();
    for (let rowNumber = 2; rowNumber <= worksheet.rowCount; rowNumber += 1) {
      const row = worksheet.getRow(rowNumber);
      const keyReading = readCell(row.getCell(FIELD_SHEET_COLUMNS.key).value, 'text');
      const keyCell = `${columnLetter(FIELD_SHEET_COLUMNS.key)}${rowNumber}`;
      const valueCell = `${columnLetter(FIELD_SHEET_COLUMNS.value)}${rowNumber}`;
      const valueRaw = row.getCell(FIELD_SHEET_COLUMNS.value).value;
      if (keyReading.kind === 'blank') {
        if (readCell(valueRaw, 'text').kind !== 'blank') this.issues.push({ ...issueOf(layout.part, 'sheet.valueWithoutField'), sheet, cell: keyCell });
        continue;
      }
      if (keyReading.kind === 'problem') {
        this.issues.push({ ...issueOf(layout.part, keyReading.code, keyReading.params), sheet, cell: keyCell });
        continue;
      }
      const key = String(keyReading.value);
      const field = fieldOfHeader(layout.fields, key);
      if (field === undefined) {
        this.issues.push({ ...issueOf(layout.part, 'sheet.unknownField', { key, fields: layout.fields.map((f) => f.key) }), sheet, cell: keyCell });
        continue;
      }
      if (seen.has(field.key)) {
        this.issues.push({ ...issueOf(`${prefix}${field.key}`, 'sheet.fieldTwice', { field: field.key, row: seen.get(field.key) ?? null }), sheet, cell: keyCell });
        continue;
      }
      seen.set(field.key, rowNumber);
      const path = `${prefix}${field.key}`;
      this.origins.set(path, { sheet, cell: valueCell });
      const reading = readCell(valueRaw, field.kind);
      if (reading.kind === 'problem') {
        this.issues.push({ ...issueOf(path, reading.code, reading.params), sheet, cell: valueCell });
        this.reported.add(path);
      } else if (reading.kind === 'value') {
        target[field.key] = reading.value;
      }
    }
    // An assumptions or costs sheet with no values means the planner's defaults, as an absent object does.
    if (layout.part !== '$' && Object.keys(target).length > 0) top[layout.part] = target;
    // A field without a row is still this sheet's: "required" points here.
    for (const field of layout.fields) if (!seen.has(field.key)) this.origins.set(`${prefix}${field.key}`, { sheet });
  }
}

function setPath(item: JsonObject, key: string, value: unknown): void {
  const dot = key.indexOf('.');
  if (dot < 0) {
    item[key] = value;
    return;
  }
  const head = key.slice(0, dot);
  const inner = (item[head] ??= {}) as JsonObject;
  inner[key.slice(dot + 1)] = value;
}

/** `serviceAreas[3].km` -> `serviceAreas[3]` -> `serviceAreas` -> ''. */
function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut <= 0 ? '' : path.slice(0, cut);
}

/** A validated data set from a workbook, or every problem by sheet, cell and JSON path. */
export async function readDatasetWorkbook(file: Buffer): Promise<WorkbookResult<Dataset>> {
  const read = await readWorkbookJson(file);
  if (!read.ok) return read;
  const { value, locate, issues, reported } = read.value;
  const checked = validateDataset(value);
  if (checked.ok && issues.length === 0) return { ok: true, value: checked.dataset };
  const rules = checked.ok ? [] : checked.issues.filter((issue) => !reported.has(issue.path));
  return { ok: false, issues: [...issues, ...rules.map((issue) => ({ ...issue, ...locate(issue.path) }))] };
}
