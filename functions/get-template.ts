import { templateWorkbook, XLSX_MEDIA_TYPE } from '../solver/formats/index.js';
import { callerFrom } from './lib/auth.js';
import { httpHandler } from './lib/http.js';

/** Built once per container: the template depends on nothing but the code. */
let template: Promise<Buffer> | undefined;

/** GET /v1/templates/dataset.xlsx: the data set workbook template, for any signed-in caller. */
export const handler = httpHandler('get-template', async (event) => {
  callerFrom(event);
  template ??= templateWorkbook();
  return {
    statusCode: 200,
    headers: {
      'Content-Type': XLSX_MEDIA_TYPE,
      'Content-Disposition': 'attachment; filename="dataset-template.xlsx"',
      'Cache-Control': 'private, max-age=3600',
    },
    body: (await template).toString('base64'),
    isBase64Encoded: true,
  };
});
