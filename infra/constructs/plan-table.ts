import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_KEYS } from '../../functions/lib/table-keys.js';

/** Name of the one global secondary index the plan repository queries (lists of plans and versions). */
export const PLAN_INDEX = TABLE_KEYS.index.name;

/**
 * The single DynamoDB table of the planner: data sets and their revisions, plan
 * versions and their sites, progress reports, reviews and idempotency records
 * (the jobs themselves travel on the solve queue).
 * Key names are the repository's own (functions/lib/table-keys.ts).
 * On-demand: provinces submit a few times a year, so nothing is paid at rest but storage.
 */
export class PlanTable extends Construct {
  readonly table: Table;
  /** ARNs of the table's indexes, for grants that name each index rather than `index/*`. */
  readonly indexArns: readonly string[];

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      // Plans are the departments' records: a stack deletion must never take them along.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table.addGlobalSecondaryIndex({
      indexName: PLAN_INDEX,
      partitionKey: { name: TABLE_KEYS.index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.index.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
    this.indexArns = [`${this.table.tableArn}/index/${PLAN_INDEX}`];
  }
}
