/**
 * The plan table's key names: the repository's items use them, the local
 * runtime creates its table with them, and the CDK table is defined from them.
 * One definition, so the three cannot drift apart.
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** The one global secondary index (lists of a province's plans and of a plan's versions), projecting all attributes. */
  index: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
} as const;
