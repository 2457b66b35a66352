import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** DynamoDB's limit on one item: 400 KB, attribute names and values together. */
export const DYNAMODB_ITEM_LIMIT_BYTES = 400 * 1024;

/**
 * An item's size as DynamoDB counts it, rounded up where its documentation
 * leaves room: attribute names and strings in UTF-8 bytes, binary in bytes, a
 * number at its 21-byte maximum, 1 byte for null and booleans, and 3 bytes plus
 * 1 per element for lists and maps.
 */
export function itemBytes(item: Record<string, AttributeValue>): number {
  let total = 0;
  for (const [name, value] of Object.entries(item)) total += Buffer.byteLength(name, 'utf8') + valueBytes(value);
  return total;
}

function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S, 'utf8');
  if (value.N !== undefined) return 21;
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.L !== undefined) return 3 + value.L.reduce((sum, element) => sum + 1 + valueBytes(element), 0);
  if (value.M !== undefined) return 3 + itemBytes(value.M) + Object.keys(value.M).length;
  if (value.SS !== undefined) return value.SS.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0);
  if (value.NS !== undefined) return value.NS.length * 21;
  if (value.BS !== undefined) return value.BS.reduce((sum, bytes) => sum + bytes.length, 0);
  throw new Error(`unknown attribute value ${JSON.stringify(value)}`);
}
