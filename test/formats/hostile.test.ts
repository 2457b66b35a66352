import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { datasetToWorkbook, EXAMPLE_DATASET, MAX_SHEETS, readDatasetWorkbook, ZIP_LIMITS } from '../../solver/formats/index.js';
import { MAX_CELLS } from '../../solver/formats/package.js';
import { deflatedZip, readZip, withPart, writeStoredZip } from './zip-helpers.js';

/*
 * Files a planner would never send, or an attacker would: each must come back
 * as a problem at `$` or at its cell, quickly, never as a thrown error.
 */
async function rejection(file: Buffer): Promise<string> {
  const read = await readDatasetWorkbook(file);
  if (read.ok) throw new Error('expected a rejection');
  return read.issues.map((issue) => `${issue.path} ${issue.cell ?? ''} ${issue.message}`).join('\n');
}

const example = () => datasetToWorkbook(EXAMPLE_DATASET);

describe('hostile workbooks', () => {
  it('rejects a file that is not a workbook', async () => {
    expect(await rejection(Buffer.from('province,name\nGD,广东\n'))).toMatch(/^\$ {2}not an \.xlsx workbook/);
    expect(await rejection(Buffer.alloc(0))).toMatch(/not an \.xlsx workbook/);
  });

  it('rejects a truncated workbook', async () => {
    const file = await example();

    expect(await rejection(file.subarray(0, Math.floor(file.length * 0.6)))).toMatch(/not an \.xlsx workbook/);
  });

  it('rejects a zip bomb by the sizes it declares, before inflating it', async () => {
    const bomb = deflatedZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(ZIP_LIMITS.totalBytes + 1024, 0x20) }]);

    expect(bomb.length).toBeLessThan(ZIP_LIMITS.totalBytes / 500);
    expect(await rejection(bomb)).toMatch(/inflates to more than 32 MB/);
  });

  it('rejects a zip bomb that understates its size, when the bytes outgrow the declared size', async () => {
    const liar = deflatedZip([{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(30 * 1024 * 1024, 0x41), declaredSize: 1000 }]);

    expect(await rejection(liar)).toMatch(/does not inflate to its declared 1000 bytes/);
  });

  it('rejects an archive of too many files', async () => {
    const many = deflatedZip(Array.from({ length: ZIP_LIMITS.entries + 1 }, (_, index) => ({ name: `x/${index}.xml`, data: Buffer.from('<a/>') })));

    expect(await rejection(many)).toMatch(/at most 500 are accepted/);
  });

  it.each([
    { sheets: 2000, expected: /the archive holds 20\d\d files; at most 500/ },
    { sheets: 100, expected: new RegExp(`100 sheets; at most ${MAX_SHEETS}`) },
  ])('rejects a workbook of $sheets sheets', async ({ sheets, expected }) => {
    const workbook = new ExcelJS.Workbook();
    for (let index = 0; index < sheets; index += 1) workbook.addWorksheet(`S${index}`);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());

    expect(await rejection(file)).toMatch(expected);
  });

  it('counts the cells of the data sheets before the library builds them, and refuses too many', async () => {
    // Prepare: the traffic sheet filled with small numeric cells, 40 to a row.
    const rows: string[] = [];
    for (let row = 2; rows.length * 40 <= MAX_CELLS; row += 1) {
      rows.push(`<row r="${row}">${Array.from({ length: 40 }, (_, column) => `<c r="${String.fromCharCode(65 + (column % 26))}${column >= 26 ? 'A' : ''}${row}"><v>${column}</v></c>`).join('')}</row>`);
    }
    const file = withPart(await example(), 'xl/worksheets/sheet7.xml', (xml) => xml.replace('</sheetData>', `${rows.join('')}</sheetData>`));

    expect(await rejection(file)).toMatch(/the data sheets hold 600,\d{3} cells; at most 600,000 are accepted/);
  });

  it('rejects an encrypted entry', async () => {
    const file = writeStoredZip(readZip(await example()));
    // General-purpose flag bit 0 (encrypted) of the first central directory entry.
    const first = file.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    file.writeUInt16LE(file.readUInt16LE(first + 8) | 1, first + 8);

    expect(await rejection(file)).toMatch(/encrypted/);
  });

  it('reads a workbook whose validations, names and column ranges span the whole sheet, without expanding them', async () => {
    // Prepare: ranges of 17 billion cells, which the library would expand one by one.
    const huge = 'A1:XFD1048576';
    let file = withPart(await example(), 'xl/worksheets/sheet6.xml', (xml) =>
      xml
        .replace(/<dataValidations[\s\S]*?<\/dataValidations>/, '')
        .replace('</sheetData>', `</sheetData><dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="${huge}"><formula1>"a,b"</formula1></dataValidation></dataValidations>`)
        .replace(/<cols>[\s\S]*?<\/cols>/, '<cols><col min="1" max="2000000000" width="9"/></cols>'),
    );
    file = withPart(file, 'xl/workbook.xml', (xml) => xml.replace('</sheets>', `</sheets><definedNames><definedName name="all">'服务区 serviceAreas'!$A$1:$XFD$1048576</definedName></definedNames>`));

    // Act
    const read = await readDatasetWorkbook(file);

    // Assess
    expect(read).toEqual({ ok: true, value: EXAMPLE_DATASET });
  });

  it('names a cell of the wrong type in a sheet by its XML, as a problem and not a crash', async () => {
    const file = withPart(await example(), 'xl/worksheets/sheet3.xml', (xml) => xml.replace(/<c r="B2"([^>]*)>[\s\S]*?<\/c>/, '<c r="B2" t="e"><v>#DIV/0!</v></c>'));

    expect(await rejection(file)).toMatch(/phases\[0\]\.year B2 holds the error #DIV\/0!/);
  });
});
