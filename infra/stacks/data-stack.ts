import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PlanTable } from '../constructs/plan-table.js';
import { PlannerUsers } from '../constructs/planner-users.js';
import { DeadLetterQueue, SolveQueue } from '../constructs/solve-queue.js';
import { SIZING } from '../constructs/planner-function.js';

export interface PlannerDataStackProps extends StackProps {
  /** Province codes to create Cognito groups for. */
  readonly provinces: readonly string[];
}

/**
 * Everything that holds state: the plan table, the queues and the user pool.
 * Kept apart from the stateless stack so that functions and the API can be
 * replaced, renamed or torn down without touching data. The construct IDs
 * below are the resources' identity in CloudFormation: renaming one replaces
 * (and, for the table, orphans) the resource, and a test guards them.
 */
export class PlannerDataStack extends Stack {
  readonly plans: PlanTable;
  readonly solveQueue: SolveQueue;
  readonly regenerationDeadLetters: DeadLetterQueue;
  readonly users: PlannerUsers;

  constructor(scope: Construct, id: string, props: PlannerDataStackProps) {
    super(scope, id, props);
    this.plans = new PlanTable(this, 'Plans');
    this.solveQueue = new SolveQueue(this, 'SolveJobs', { consumerTimeout: SIZING.solver.timeout });
    this.regenerationDeadLetters = new DeadLetterQueue(this, 'RegenerationDeadLetters', {
      purpose: 'scheduled regeneration runs that failed after their retries',
    });
    this.users = new PlannerUsers(this, 'Users', { provinces: props.provinces });

    // What an administrator needs after the deploy (docs/deploy.md uses these names).
    new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.users.client.userPoolClientId });
    new CfnOutput(this, 'PlanTableName', { value: this.plans.table.tableName });
    new CfnOutput(this, 'SolveDeadLetterQueueUrl', { value: this.solveQueue.deadLetterQueue.queueUrl });
  }
}
