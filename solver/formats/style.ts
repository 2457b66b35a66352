/** Looks shared by the product's workbooks: a bold, shaded, frozen header row. */
type Worksheet = import('exceljs').Worksheet;

export const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;

export function styleHeader(sheet: Worksheet, columns: number): void {
  const row = sheet.getRow(1);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  for (let column = 1; column <= columns; column += 1) row.getCell(column).fill = HEADER_FILL;
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
}

/** Column widths in characters; a wide character (Chinese) counts double. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\uffff]/.test(char) ? 2 : 1;
  return width;
}
