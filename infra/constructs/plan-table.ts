import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/** Name of the one global secondary index the plan repository queries (lists of plans and versions). */
export const PLAN_INDEX = 'gsi1';

/**
 * The single DynamoDB table that holds data sets, plan versions and jobs.
 * Key names are the repository's contract (pk/sk, gsi1pk/gsi1sk).
 * On-demand: provinces submit a few times a year, so nothing is paid at rest but storage.
 */
export class PlanTable extends Construct {
  readonly table: Table;
  /** ARNs of the table's indexes, for grants that name each index rather than `index/*`. */
  readonly indexArns: readonly string[];

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      // Plans are the departments' records: a stack deletion must never take them along.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table.addGlobalSecondaryIndex({
      indexName: PLAN_INDEX,
      partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
    this.indexArns = [`${this.table.tableArn}/index/${PLAN_INDEX}`];
  }
}
