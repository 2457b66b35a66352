import { readDatasetWorkbook, XLSX_MEDIA_TYPE } from '../../solver/formats/index.js';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationFailedError } from './errors.js';
import { header, jsonBody, MAX_BODY_BYTES } from './http.js';
import { issueOf } from '../../solver/messages.js';
import type { HttpApiEvent } from './lambda-types.js';

/** Media types a data set may be sent as. */
export const DATASET_MEDIA_TYPES = ['application/json', XLSX_MEDIA_TYPE] as const;

const isWorkbook = (contentType: string | undefined) =>
  contentType !== undefined && contentType.split(';')[0]?.trim().toLowerCase() === XLSX_MEDIA_TYPE;

/**
 * The data set of a request body (POST /v1/plans, PUT /v1/plans/{planId}/dataset):
 * JSON, or a workbook in the template's layout
 * (docs/workbooks.md). A workbook arrives base64-encoded from API Gateway
 * (isBase64Encoded) and is held to the same size limit as JSON; its problems
 * are a 400 whose issues name sheet and cell besides the JSON path. The JSON
 * value goes on to the use case, which validates it (again, for a workbook:
 * cheap, and one rule set whatever the media type).
 */
export async function datasetBody(event: HttpApiEvent): Promise<unknown> {
  const contentType = header(event, 'content-type');
  if (!isWorkbook(contentType)) {
    if (contentType !== undefined && !/^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim())) {
      throw new UnsupportedMediaTypeError(contentType, DATASET_MEDIA_TYPES);
    }
    return jsonBody(event);
  }
  if (event.body === undefined || event.body === '') {
    throw new ValidationFailedError([issueOf('body', 'request.bodyRequired', { as: 'workbook' })]);
  }
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  const read = await readDatasetWorkbook(bytes);
  if (!read.ok) throw new ValidationFailedError(read.issues, 'workbook');
  return read.value;
}
