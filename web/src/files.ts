import { t } from './i18n';

/** Reads a chosen file as JSON text, or says why it is not JSON (before anything is sent). */
export async function readJsonFile(file: File): Promise<{ text: string } | { error: string }> {
  const text = await file.text();
  try {
    JSON.parse(text);
    return { text };
  } catch (error) {
    return { error: t('notJson', { m: (error as Error).message }) };
  }
}
