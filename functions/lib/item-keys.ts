import { pad } from './table-io.js';
import type { VersionRecord } from './repository.js';

/** Sort and partition keys of the plan table's items, one definition for every part of the repository. */
export const HEADER_SK = 'PLAN';
export const planPk = (planId: string) => `PLAN#${planId}`;
export const versionSk = (version: number) => `VERSION#${pad(version, 6)}`;
export const revisionSk = (revision: number) => `REVISION#${pad(revision, 6)}`;
/** Prefix of a solved version's plan items (phases, notes, top-level fields, sites). */
export const childPrefix = (version: number) => `V#${pad(version, 6)}#`;
/** Prefix of one of a solving version's two slots for its best plan so far. */
export const provisionalSlot = (version: number, slot: 0 | 1) => `P#${pad(version, 6)}#${slot}`;

/** A version record as the API and the use cases see it: the item without its keys and writer token. */
export function toVersion(item: Record<string, unknown>): VersionRecord {
  const { pk: _pk, sk: _sk, type: _t, writerId: _w, ...rest } = item;
  return rest as unknown as VersionRecord;
}
