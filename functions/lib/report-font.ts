/**
 * The PDF report's font, read once per process. Noto Sans SC Regular (SIL Open
 * Font License 1.1) from the `@expo-google-fonts/noto-sans-sc` package; in a
 * bundled Lambda the stack copies the file beside the handler (a function's
 * extra files), so it is looked for there first.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The font file's name, as copied beside a bundled handler. */
export const REPORT_FONT_FILE = 'NotoSansSC_400Regular.ttf';
/** The font file in its npm package; the CDK app resolves it to ship it with the report's function. */
export const REPORT_FONT_PACKAGE_FILE = `@expo-google-fonts/noto-sans-sc/400Regular/${REPORT_FONT_FILE}`;

/** Where the font is: beside this module (a bundle), else in the npm package. */
export function reportFontPath(): string {
  const beside = fileURLToPath(new URL(`./${REPORT_FONT_FILE}`, import.meta.url));
  return existsSync(beside) ? beside : createRequire(import.meta.url).resolve(REPORT_FONT_PACKAGE_FILE);
}

let loading: Promise<Uint8Array> | undefined;

/** The font's bytes; the file is read on the first call only (about 10 MB). */
export function reportFont(): Promise<Uint8Array> {
  loading ??= readFile(reportFontPath()).then((bytes) => new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
