import { t } from './i18n';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What the upload fields accept: a JSON file, or a workbook in the template's layout. */
export const DATASET_ACCEPT = `.json,application/json,.xlsx,${XLSX_TYPE}`;

/** A file ready to send: its body and media type. */
export type Upload = { body: string | Blob; contentType: string } | { error: string };

const isWorkbook = (file: File) => file.type === XLSX_TYPE || /\.xlsx$/i.test(file.name);

/**
 * Reads a chosen file for upload: a workbook goes as it is (the API reads and
 * checks it, naming sheet and cell of each problem); JSON is parsed here first,
 * so a file that is not JSON is said so before anything is sent.
 */
export async function readUpload(file: File, options: { workbook: boolean } = { workbook: true }): Promise<Upload> {
  if (options.workbook && isWorkbook(file)) return { body: file, contentType: XLSX_TYPE };
  const text = await file.text();
  try {
    JSON.parse(text);
    return { body: text, contentType: 'application/json' };
  } catch (error) {
    return { error: t('notJson', { m: (error as Error).message }) };
  }
}
