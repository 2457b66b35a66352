/**
 * Page layout of the PDF report: an A4 cursor that opens a new page when the
 * next block does not fit, headings, paragraphs, and tables that run across
 * pages with their header repeated. Text is placed at explicit positions (no
 * automatic page breaks inside the library), so the renderer alone decides
 * where a page ends.
 */
type Doc = PDFKit.PDFDocument;

export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { top: 56, bottom: 56, left: 48, right: 48 } as const;
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

export const INK = '#1a1a1a';
export const MUTED = '#666666';
export const RULE = '#c8c8c8';
export const MET = '#1b7f3b';
export const UNMET = '#c62828';

/** Money in 万元 with one decimal for yuan, else whole units with the currency code. */
export function fmtMoney(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (currency === 'CNY') return `${(value / 10_000).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} 万元`;
  return `${currency} ${Math.round(value).toLocaleString('en-US')}`;
}

/** The cursor of the report: where the next block goes. */
export interface Cursor {
  doc: Doc;
  y: number;
}

export const bottom = (): number => A4.height - MARGIN.bottom;

export function newPage(cursor: Cursor): void {
  cursor.doc.addPage();
  cursor.y = MARGIN.top;
}

/** Opens a new page unless `height` more points fit on this one. */
export function ensure(cursor: Cursor, height: number): void {
  if (cursor.y + height > bottom()) newPage(cursor);
}

/** One line of text at a position, never wrapped. */
export function put(doc: Doc, text: string, x: number, y: number, size: number, color = INK, options: { heavy?: boolean; align?: 'left' | 'right' | 'center'; width?: number } = {}): void {
  doc.fontSize(size).fillColor(color);
  let left = x;
  if (options.width !== undefined && options.align !== undefined && options.align !== 'left') {
    const width = doc.widthOfString(text);
    left = options.align === 'right' ? x + options.width - width : x + (options.width - width) / 2;
  }
  if (options.heavy === true) {
    // One font file: headings are thickened by stroking the glyphs in their own colour.
    doc.lineWidth(size / 40).strokeColor(color);
    doc.text(text, left, y, { lineBreak: false, fill: true, stroke: true });
  } else {
    doc.text(text, left, y, { lineBreak: false });
  }
}

/** The text cut to `width` points at the current font size, with an ellipsis when cut. */
export function fit(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (doc.widthOfString(`${text.slice(0, mid)}…`) <= width) low = mid;
    else high = mid - 1;
  }
  return `${text.slice(0, low)}…`;
}

/** Breaks text into lines of at most `width` points (CJK text breaks between any two characters). */
export function wrap(doc: Doc, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    const next = line + char;
    if (line !== '' && doc.widthOfString(next) > width) {
      const space = line.lastIndexOf(' ');
      // Break Latin words at a space when one is near; CJK anywhere.
      if (/\w/.test(char) && space > line.length - 16 && space > 0) {
        lines.push(line.slice(0, space));
        line = line.slice(space + 1) + char;
      } else {
        lines.push(line);
        line = char.trim() === '' ? '' : char;
      }
    } else {
      line = next;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

export function heading(cursor: Cursor, text: string, level: 1 | 2 = 1): void {
  const size = level === 1 ? 15 : 11.5;
  ensure(cursor, size * 4);
  if (level === 1 && cursor.y > MARGIN.top) cursor.y += 8;
  put(cursor.doc, text, MARGIN.left, cursor.y, size, INK, { heavy: true });
  cursor.y += size * 1.8;
  if (level === 1) {
    cursor.doc.moveTo(MARGIN.left, cursor.y - 2).lineTo(A4.width - MARGIN.right, cursor.y - 2).lineWidth(0.6).strokeColor(RULE).stroke();
    cursor.y += 6;
  }
}

/** A wrapped paragraph, continued on the next page when it does not fit. */
export function paragraph(cursor: Cursor, text: string, options: { size?: number; color?: string; indent?: number } = {}): void {
  const size = options.size ?? 9.5;
  const indent = options.indent ?? 0;
  cursor.doc.fontSize(size);
  for (const line of wrap(cursor.doc, text, CONTENT_WIDTH - indent)) {
    ensure(cursor, size * 1.5);
    put(cursor.doc, line, MARGIN.left + indent, cursor.y, size, options.color ?? INK);
    cursor.y += size * 1.5;
  }
}

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** A table cell: one line, or several stacked; coloured when `color` is set. */
export type TableCell = string | { lines: string[]; color?: string };

/**
 * A table with its header repeated on every page it runs onto. Each cell is
 * cut to its column; `rowHeight` fits the tallest cell.
 */
export function table(cursor: Cursor, columns: readonly Column[], rows: readonly TableCell[][], options: { size?: number; rowHeight?: number; headerLines?: number } = {}): void {
  const { doc } = cursor;
  const size = options.size ?? 8;
  const lineHeight = size * 1.35;
  const rowHeight = options.rowHeight ?? lineHeight + 4;
  const headerHeight = (options.headerLines ?? 1) * lineHeight + 6;
  const drawHeader = (): void => {
    doc.rect(MARGIN.left, cursor.y, CONTENT_WIDTH, headerHeight).fillColor('#eef1f5').fill();
    let x = MARGIN.left;
    for (const column of columns) {
      column.header.split('\n').forEach((line, index) => {
        put(doc, fit(doc.fontSize(size), line, column.width - 6), x + 3, cursor.y + 3 + index * lineHeight, size, INK, { align: column.align, width: column.width - 6 });
      });
      x += column.width;
    }
    cursor.y += headerHeight;
  };
  ensure(cursor, headerHeight + rowHeight * Math.min(rows.length, 3));
  drawHeader();
  rows.forEach((row, rowIndex) => {
    if (cursor.y + rowHeight > bottom()) {
      newPage(cursor);
      drawHeader();
    }
    if (rowIndex % 2 === 1) doc.rect(MARGIN.left, cursor.y, CONTENT_WIDTH, rowHeight).fillColor('#f7f8fa').fill();
    let x = MARGIN.left;
    row.forEach((cell, index) => {
      const column = columns[index]!;
      const lines = typeof cell === 'string' ? [cell] : cell.lines;
      const color = typeof cell === 'string' ? INK : cell.color ?? INK;
      const top = cursor.y + (rowHeight - lines.length * lineHeight) / 2 + 1;
      lines.forEach((line, lineIndex) => {
        put(doc, fit(doc.fontSize(size), line, column.width - 6), x + 3, top + lineIndex * lineHeight, size, color, { align: column.align, width: column.width - 6 });
      });
      x += column.width;
    });
    cursor.y += rowHeight;
  });
  doc.moveTo(MARGIN.left, cursor.y).lineTo(MARGIN.left + CONTENT_WIDTH, cursor.y).lineWidth(0.5).strokeColor(RULE).stroke();
  cursor.y += 10;
}
