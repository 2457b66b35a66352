import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { TableAccess } from '../../functions/routes.js';
import type { PlanTable } from './plan-table.js';

/**
 * Configuration and permission travel together: each helper sets the
 * environment variable a handler reads and grants exactly the access that
 * variable implies. No handler gets a table or queue name without its grant.
 */

/**
 * The item operations the plan repository performs, and nothing else: no
 * Scan, no table management, no streams. Reads are Get/BatchGet/Query; the
 * repository writes items one by one or in batches and commits a version by a
 * conditional update (no transactions).
 */
export const TABLE_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  readWrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ],
};

/**
 * Sets TABLE_NAME and grants the table's item operations for `access`, on the
 * table and its named indexes only (not `index/*`). The table is encrypted
 * with the AWS managed key, which needs no key grant.
 */
export function bindTable(fn: LambdaFunction, plans: PlanTable, access: TableAccess): void {
  fn.addEnvironment('TABLE_NAME', plans.table.tableName);
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: [...TABLE_ACTIONS[access]],
      resources: [plans.table.tableArn, ...plans.indexArns],
    }),
  );
}

/** Sets QUEUE_URL and grants sending (and nothing else) to the queue. */
export function bindQueue(fn: LambdaFunction, queue: IQueue, access: 'send'): void {
  fn.addEnvironment('QUEUE_URL', queue.queueUrl);
  if (access === 'send') queue.grantSendMessages(fn);
}
