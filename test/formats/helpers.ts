import ExcelJS from 'exceljs';
import { TABLE_SHEETS } from '../../solver/formats/layout.js';
import type { Plan } from '../../solver/types.js';

/** A workbook as a person edits it: loaded with the library, changed, saved. */
export async function editWorkbook(file: Buffer, edit: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as never);
  edit(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function openWorkbook(file: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as never);
  return workbook;
}

/** The letter of a table sheet's column, found from the header row as a reader of the sheet would. */
export function columnOf(sheet: ExcelJS.Worksheet, key: string): string {
  let found: string | undefined;
  sheet.getRow(1).eachCell((cell, column) => {
    if (String(cell.value).endsWith(`/ ${key}`)) found = sheet.getColumn(column).letter;
  });
  if (found === undefined) throw new Error(`no column ${key} in ${sheet.name}`);
  return found;
}

export const sheetName = (part: string) => TABLE_SHEETS.find((sheet) => sheet.part === part)!.name;

/** A plan without its timing, for comparing two solves. */
export function withoutStats(plan: Plan): Omit<Plan, 'stats'> {
  const { stats: _stats, ...rest } = plan;
  return rest;
}
