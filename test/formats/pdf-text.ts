/**
 * A PDF's text read back page by page with PDF.js, as a viewer extracts it
 * (Unicode from the font's ToUnicode map, so Chinese reads as Chinese).
 * Whitespace is dropped: a viewer may split one line into several runs.
 */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('').replace(/\s+/g, ''));
  }
  await document.destroy();
  return pages;
}

/** A string as pdfPages gives it back: without whitespace. */
export const squeezed = (text: string): string => text.replace(/\s+/g, '');
