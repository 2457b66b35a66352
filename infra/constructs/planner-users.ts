import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccountRecovery, CfnUserPoolGroup, Mfa, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** Group whose members may read every province's plans. */
export const REVIEWER_GROUP = 'reviewer';
/** Group of one province's planners: they submit and read that province's plans only. */
export const provinceGroup = (code: string): string => `province-${code}`;

export interface PlannerUsersProps {
  /** Province codes to create `province-XX` groups for; others can be created later with the CLI. */
  readonly provinces: readonly string[];
}

/**
 * Who may call the API: a Cognito user pool whose users the department's
 * administrators create (no self sign-up), with TOTP MFA required, and the
 * groups the handlers authorize by (`cognito:groups` claim).
 */
export class PlannerUsers extends Construct {
  readonly userPool: UserPool;
  /** App client for the CLI and scripts (no secret, password and SRP auth). */
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: PlannerUsersProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      // Users and their MFA devices cannot be recreated from the template.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus feature plan (threat protection) is billed per monthly active user; a department with a handful ' +
        'of administrator-created planners behind required MFA does not need it. docs/deploy.md says how to turn it on.',
    });

    this.client = this.userPool.addClient('CliClient', {
      authFlows: { userPassword: true, userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      disableOAuth: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(7),
    });

    new CfnUserPoolGroup(this, 'ReviewerGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: REVIEWER_GROUP,
      description: 'Reads the plans of every province',
    });
    for (const code of props.provinces) {
      new CfnUserPoolGroup(this, `ProvinceGroup-${code}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: provinceGroup(code),
        description: `Submits and reads the plans of province ${code}`,
      });
    }
  }
}
