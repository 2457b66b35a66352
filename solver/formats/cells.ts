/**
 * One workbook cell to one JSON value, by the kind of field its column holds.
 * Formulas count by their cached (last calculated) value; rich text and
 * hyperlinks by their text; thousands separators in numbers typed as text are
 * accepted. Anything else a data set cannot hold (errors, dates, formulas never
 * calculated) is a problem with a message for the person who typed it.
 */
import type { FieldKind } from './layout.js';

export type CellReading = { kind: 'blank' } | { kind: 'value'; value: unknown } | { kind: 'problem'; message: string };

const BLANK: CellReading = { kind: 'blank' };
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** The value a cell shows, before the field's kind is applied. */
function shownValue(raw: unknown, depth = 0): CellReading {
  if (raw === null || raw === undefined) return BLANK;
  if (typeof raw === 'number') return Number.isFinite(raw) ? { kind: 'value', value: raw } : { kind: 'problem', message: `is not a finite number` };
  if (typeof raw === 'string') return raw.trim() === '' ? BLANK : { kind: 'value', value: raw.trim() };
  if (typeof raw === 'boolean') return { kind: 'value', value: raw };
  if (raw instanceof Date) return { kind: 'problem', message: 'holds a date; enter a number or text' };
  if (typeof raw !== 'object' || depth > 2) return { kind: 'problem', message: 'cannot be read' };
  const cell = raw as Record<string, unknown>;
  if ('error' in cell) return { kind: 'problem', message: `holds the error ${String(cell.error)}` };
  if ('formula' in cell || 'sharedFormula' in cell) {
    const formula = String(cell.formula ?? cell.sharedFormula ?? '');
    if (cell.result === undefined || cell.result === null) {
      return { kind: 'problem', message: `formula =${formula.slice(0, 60)} has no saved value; open the workbook in Excel and save it again` };
    }
    const result = shownValue(cell.result, depth + 1);
    if (result.kind === 'problem') return { kind: 'problem', message: `formula =${formula.slice(0, 60)} ${result.message}` };
    return result;
  }
  if (Array.isArray(cell.richText)) {
    const text = cell.richText.map((run) => String((run as { text?: unknown }).text ?? '')).join('');
    return shownValue(text, depth + 1);
  }
  if ('text' in cell) return shownValue(cell.text, depth + 1);
  return { kind: 'problem', message: 'cannot be read' };
}

/** The JSON value of a cell in a column of the given kind. */
export function readCell(raw: unknown, kind: FieldKind): CellReading {
  const shown = shownValue(raw);
  if (shown.kind !== 'value') return shown;
  const value = shown.value;
  if (kind === 'number') {
    if (typeof value === 'string') {
      if (PLAIN_NUMBER.test(value)) return { kind: 'value', value: Number(value) };
      if (GROUPED_NUMBER.test(value)) return { kind: 'value', value: Number(value.replace(/,/g, '')) };
    }
    // Anything else goes on as it is: the data set rules name the wrong type.
    return shown;
  }
  // Ids such as phase "2025" are often typed as numbers.
  if (typeof value === 'number') return { kind: 'value', value: String(value) };
  return shown;
}
