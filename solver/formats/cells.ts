/**
 * One workbook cell to one JSON value, by the kind of field its column holds.
 * Formulas count by their cached (last calculated) value; rich text and
 * hyperlinks by their text; thousands separators in numbers typed as text are
 * accepted. Anything else a data set cannot hold (errors, dates, formulas never
 * calculated) is a problem with a message for the person who typed it.
 */
import { wrapped } from '../message-format.js';
import type { MessageCode, MessageDetail } from '../messages.js';
import type { FieldKind } from './layout.js';

/** A problem is a message of the catalog (`cell.*`), for the person who typed the cell. */
export type CellReading = { kind: 'blank' } | { kind: 'value'; value: unknown } | ({ kind: 'problem'; code: MessageCode } & Pick<MessageDetail, 'params'>);

const problem = (code: MessageCode, params: MessageDetail['params'] = {}): CellReading => ({ kind: 'problem', code, params });

const BLANK: CellReading = { kind: 'blank' };
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** The value a cell shows, before the field's kind is applied. */
function shownValue(raw: unknown, depth = 0): CellReading {
  if (raw === null || raw === undefined) return BLANK;
  if (typeof raw === 'number') return Number.isFinite(raw) ? { kind: 'value', value: raw } : problem('cell.notFinite');
  if (typeof raw === 'string') return raw.trim() === '' ? BLANK : { kind: 'value', value: raw.trim() };
  if (typeof raw === 'boolean') return { kind: 'value', value: raw };
  if (raw instanceof Date) return problem('cell.date');
  if (typeof raw !== 'object' || depth > 2) return problem('cell.unreadable');
  const cell = raw as Record<string, unknown>;
  if ('error' in cell) return problem('cell.error', { error: String(cell.error) });
  if ('formula' in cell || 'sharedFormula' in cell) {
    const formula = String(cell.formula ?? cell.sharedFormula ?? '');
    if (cell.result === undefined || cell.result === null) {
      return problem('cell.formulaNoValue', { formula: formula.slice(0, 60) });
    }
    const result = shownValue(cell.result, depth + 1);
    if (result.kind === 'problem') return problem('cell.formula', wrapped({ ...result, message: '' }, { formula: formula.slice(0, 60) }));
    return result;
  }
  if (Array.isArray(cell.richText)) {
    const text = cell.richText.map((run) => String((run as { text?: unknown }).text ?? '')).join('');
    return shownValue(text, depth + 1);
  }
  if ('text' in cell) return shownValue(cell.text, depth + 1);
  return problem('cell.unreadable');
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
