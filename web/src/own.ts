/**
 * A per-phase figure of a site read by phase id: only the record's own entries
 * count, so a phase named `constructor` or `toString` never reads a member of
 * Object.prototype.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
