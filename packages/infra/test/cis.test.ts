/**
 * One synth test per CIS AWS Foundations Benchmark v3.0 control the infra README's table claims (the control
 * number leads each test's name). Controls proven by IAM decisions point to iam-decisions.test.ts as well.
 */
import { describe, expect, it } from 'vitest';
import { CIS_MONITORING_CONTROLS } from '../src/cis-monitoring.js';
import { refOf, resources, synthBaseline } from './helpers.js';

const json = synthBaseline();
const ACCOUNT = `\${data.aws_caller_identity.current.account_id}`;
const doc = (text: string) => JSON.parse(text);
const bucketRef = (name: string) => refOf(json, 'aws_s3_bucket', (b) => b.bucket === name);
const [trail] = resources(json, 'aws_cloudtrail');

describe('CIS §1 identity and access management', () => {
  it('1.8 / 1.9: passwords of at least 14 characters (32), no reuse of the last 24', () => {
    const [p] = resources(json, 'aws_iam_account_password_policy');
    expect(p.minimum_password_length).toBeGreaterThanOrEqual(14);
    expect(p.password_reuse_prevention).toBe(24);
  });

  it('1.10: both groups carry the deny of everything but MFA enrolment to a session without MFA', () => {
    const deny = refOf(
      json,
      'aws_iam_policy',
      (p) => p.name === 'BlockMostAccessUnlessSignedInWithMFA',
      'arn',
    );
    const groups = resources(json, 'aws_iam_group_policy_attachment')
      .filter((a) => a.policy_arn === deny)
      .map((a) => a.group);
    expect(groups.sort()).toEqual(
      ['Admins', 'Developers'].map((g) => refOf(json, 'aws_iam_group', (r) => r.name === g, 'name')).sort(),
    );
  });

  it('1.15: users get permissions through groups only (no user policies)', () => {
    expect(resources(json, 'aws_iam_user_policy')).toEqual([]);
    expect(resources(json, 'aws_iam_user_policy_attachment')).toEqual([]);
    expect(resources(json, 'aws_iam_user_group_membership').length).toBeGreaterThan(0);
  });

  it('1.16: no policy of the baseline allows "*" on "*"', () => {
    for (const type of ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_group_policy']) {
      for (const p of resources(json, type)) {
        for (const s of doc(p.policy).Statement) {
          const full =
            s.Effect === 'Allow' && [s.Action].flat().includes('*') && [s.Resource].flat().includes('*');
          expect(full, `${type} ${p.name}`).toBe(false);
        }
      }
    }
  });

  it('1.17: a support role with AWSSupportAccess, assumable by Admins with MFA', () => {
    const role = resources(json, 'aws_iam_role').find((r) => r.name === 'SupportAccess');
    expect(doc(role.assume_role_policy).Statement[0].Condition.Bool['aws:MultiFactorAuthPresent']).toBe(
      'true',
    );
    expect(
      resources(json, 'aws_iam_role_policy_attachment').some(
        (a) =>
          String(a.policy_arn).endsWith(':iam::aws:policy/AWSSupportAccess') &&
          String(a.role).includes('support-role'),
      ),
    ).toBe(true);
    const off = resources(synthBaseline({ supportRole: { enabled: false } }), 'aws_iam_role');
    expect(off.map((r) => r.name)).not.toContain('SupportAccess');
  });

  it('1.20: an account IAM Access Analyzer', () => {
    expect(resources(json, 'aws_accessanalyzer_analyzer')).toEqual([
      expect.objectContaining({ analyzer_name: 'awst-account', type: 'ACCOUNT' }),
    ]);
    expect(resources(synthBaseline({ accessAnalyzer: false }), 'aws_accessanalyzer_analyzer')).toEqual([]);
  });
});

describe('CIS §2 storage', () => {
  it('2.1.1: every bucket policy denies plain HTTP', () => {
    const policies = resources(json, 'aws_s3_bucket_policy');
    expect(policies).toHaveLength(resources(json, 'aws_s3_bucket').length);
    for (const p of policies) {
      expect(doc(p.policy).Statement[0]).toMatchObject({
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
    }
  });

  it('2.1.4: Block Public Access on every bucket and for the account', () => {
    expect(resources(json, 'aws_s3_bucket_public_access_block')).toHaveLength(
      resources(json, 'aws_s3_bucket').length,
    );
    expect(resources(json, 'aws_s3_account_public_access_block')).toHaveLength(1);
  });

  it('2.2.1: EBS encryption by default', () => {
    expect(resources(json, 'aws_ebs_encryption_by_default')).toEqual([
      expect.objectContaining({ enabled: true }),
    ]);
  });
});

describe('CIS §3 logging', () => {
  it('3.1: a multi-region trail with global service events, logging', () => {
    expect(trail).toMatchObject({
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_logging: true,
    });
  });

  it('3.2: log-file validation', () => {
    expect(trail.enable_log_file_validation).toBe(true);
  });

  it('3.3: AWS Config records every resource type when its switch is on (off by default: cost)', () => {
    expect(resources(json, 'aws_config_configuration_recorder')).toEqual([]);
    const on = synthBaseline({ configRecorder: { enabled: true } });
    expect(resources(on, 'aws_config_configuration_recorder')).toEqual([
      expect.objectContaining({
        recording_group: { all_supported: true, include_global_resource_types: true },
      }),
    ]);
    expect(resources(on, 'aws_config_delivery_channel')).toHaveLength(1);
    expect(resources(on, 'aws_config_configuration_recorder_status')).toEqual([
      expect.objectContaining({ is_enabled: true }),
    ]);
  });

  it('3.4: server access logging on the trail bucket, into a bucket only S3 logging writes', () => {
    const [logging] = resources(json, 'aws_s3_bucket_logging');
    expect(logging.bucket).toBe(bucketRef(`cloudtrail-${ACCOUNT}`));
    expect(logging.target_bucket).toBe(bucketRef(`cloudtrail-access-logs-${ACCOUNT}`));
  });

  it('3.5: the trail is encrypted with the audit key', () => {
    expect(trail.kms_key_id).toBe(refOf(json, 'aws_kms_key', () => true, 'arn'));
  });

  it('3.6: the audit key rotates', () => {
    expect(resources(json, 'aws_kms_key')).toEqual([expect.objectContaining({ enable_key_rotation: true })]);
  });

  it('3.7: VPC flow logs when their switch is on (off by default: cost per GB)', () => {
    expect(resources(json, 'aws_flow_log')).toEqual([]);
    expect(resources(synthBaseline({ vpc: { flowLogs: true } }), 'aws_flow_log')).toHaveLength(1);
  });
});

describe('CIS §4 monitoring', () => {
  const filters = resources(json, 'aws_cloudwatch_log_metric_filter');
  const alarms = resources(json, 'aws_cloudwatch_metric_alarm');
  const group = refOf(json, 'aws_cloudwatch_log_group', () => true, 'name');
  const topic = refOf(json, 'aws_sns_topic', () => true, 'arn');

  it('the trail delivers to the audit log group through a role only CloudTrail assumes', () => {
    expect(trail.cloud_watch_logs_group_arn).toBe(
      `${refOf(json, 'aws_cloudwatch_log_group', () => true, 'arn')}:*`,
    );
    const role = resources(json, 'aws_iam_role').find((r) => r.name === 'awst-audit-cloudwatch-logs');
    expect(doc(role.assume_role_policy).Statement[0].Principal).toEqual({
      Service: 'cloudtrail.amazonaws.com',
    });
    expect(resources(json, 'aws_cloudwatch_log_group')).toEqual([
      expect.objectContaining({ name: '/awst/cloudtrail', retention_in_days: 365 }),
    ]);
  });

  for (const control of CIS_MONITORING_CONTROLS) {
    it(`${control.id}: ${control.description}: a metric filter on the trail's log group and an alarm to the topic`, () => {
      const metric = `cis-${control.id}-${control.name}`;
      const filter = filters.find((f) => f.name === metric);
      expect(filter).toMatchObject({ log_group_name: group, pattern: control.pattern });
      expect(filter.metric_transformation).toEqual({ name: metric, namespace: 'CISBenchmark', value: '1' });
      const alarm = alarms.find((a) => a.metric_name === metric);
      expect(alarm).toMatchObject({
        alarm_name: `awst-cis-${control.id}-${control.name}`,
        namespace: 'CISBenchmark',
        threshold: 1,
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        alarm_actions: [topic],
      });
    });
  }

  it('the patterns hold the events each control names', () => {
    const pattern = (id: string) => CIS_MONITORING_CONTROLS.find((c) => c.id === id)!.pattern;
    expect(pattern('4.3')).toContain('$.userIdentity.type = "Root"');
    expect(pattern('4.5')).toContain('"StopLogging"');
    expect(pattern('4.7')).toContain('"ScheduleKeyDeletion"');
    expect(pattern('4.15')).toContain('organizations.amazonaws.com');
    expect(CIS_MONITORING_CONTROLS.map((c) => c.id)).toEqual(
      Array.from({ length: 15 }, (_, i) => `4.${i + 1}`),
    );
  });

  it('refuses a retention CloudWatch Logs does not accept, and an alarm address that is not one', () => {
    expect(() => synthBaseline({ monitoring: { retentionDays: 100 } })).toThrow(/monitoring.retentionDays/);
    expect(() => synthBaseline({ monitoring: { alarmEmail: 'security' } })).toThrow(/monitoring.alarmEmail/);
  });

  it('an e-mail subscription only when alarmEmail is set; one switch turns all of it off', () => {
    expect(resources(json, 'aws_sns_topic_subscription')).toEqual([]);
    const mailed = synthBaseline({ monitoring: { alarmEmail: 'security@example.com' } });
    expect(resources(mailed, 'aws_sns_topic_subscription')).toEqual([
      expect.objectContaining({ protocol: 'email', endpoint: 'security@example.com' }),
    ]);
    const off = synthBaseline({ monitoring: { enabled: false } });
    for (const type of [
      'aws_cloudwatch_log_group',
      'aws_cloudwatch_log_metric_filter',
      'aws_cloudwatch_metric_alarm',
      'aws_sns_topic',
    ]) {
      expect(resources(off, type), type).toEqual([]);
    }
    expect(resources(off, 'aws_cloudtrail')[0].cloud_watch_logs_group_arn).toBeUndefined();
  });
});

describe('CIS §5 networking', () => {
  it('5.4: the default security group of the VPC has no rules', () => {
    const [sg] = resources(json, 'aws_default_security_group');
    expect(sg.ingress ?? []).toEqual([]);
    expect(sg.egress ?? []).toEqual([]);
  });
});

describe("the developer role's inline policies", () => {
  it("fit IAM's 10,240-character limit for a role's inline policies together", () => {
    const inline = resources(json, 'aws_iam_role_policy').filter((p) =>
      String(p.role).includes('developer-role'),
    );
    expect(inline.map((p) => p.name).sort()).toEqual([
      'DenyAuditAndGuardChanges',
      'DenyAwstConfigChanges',
      'DenyNetworkChangesAndPrivilegedPassRole',
    ]);
    // IAM counts the policy without whitespace; tokens resolve to shorter values (12-digit account, `aws`).
    const size = inline.reduce((n, p) => n + p.policy.replace(/\s/g, '').length, 0);
    expect(size).toBeLessThan(10_240);
  });
});
