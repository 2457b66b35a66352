/**
 * A record keyed by ids the data set chose (phases, regions, sites) read by key:
 * only its own entries count, so an id such as `constructor` or `toString` never
 * reads a member of Object.prototype.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
