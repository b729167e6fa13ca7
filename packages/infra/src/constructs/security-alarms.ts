import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter/index.js';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic/index.js';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription/index.js';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { CIS_MONITORING_CONTROLS } from '../cis-monitoring.js';
import type { MonitoringSettings } from '../settings/types.js';

/** Namespace of the CIS metrics. */
export const CIS_METRIC_NAMESPACE = 'CISBenchmark';

export interface SecurityAlarmsProps extends MonitoringSettings {
  /** Key the log group is encrypted with (the audit key). */
  kmsKeyArn?: string;
  provider?: TerraformProvider;
}

/**
 * The trail's CloudWatch Logs group, a metric filter and alarm per CIS v3 monitoring control (§4.1–4.15), and
 * the SNS topic they notify, with an e-mail subscription when `alarmEmail` is set.
 */
export class SecurityAlarms extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: SecurityAlarmsProps) {
    super(scope, id);
    const provider = props.provider;
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      provider,
      name: props.logGroupName,
      retentionInDays: props.retentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    this.topic = new SnsTopic(this, 'topic', { provider, name: props.topicName });
    if (props.alarmEmail) {
      new SnsTopicSubscription(this, 'email', {
        provider,
        topicArn: this.topic.arn,
        protocol: 'email',
        endpoint: props.alarmEmail,
      });
    }
    for (const control of CIS_MONITORING_CONTROLS) {
      const metricName = `cis-${control.id}-${control.name}`;
      const filter = new CloudwatchLogMetricFilter(this, `filter-${control.id}`, {
        provider,
        name: metricName,
        logGroupName: this.logGroup.name,
        pattern: control.pattern,
        metricTransformation: { name: metricName, namespace: CIS_METRIC_NAMESPACE, value: '1' },
      });
      new CloudwatchMetricAlarm(this, `alarm-${control.id}`, {
        provider,
        alarmName: `${props.alarmNamePrefix}${control.id}-${control.name}`,
        alarmDescription: `CIS ${control.id}: ${control.description}`,
        namespace: CIS_METRIC_NAMESPACE,
        metricName,
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'notBreaching',
        alarmActions: [this.topic.arn],
        dependsOn: [filter],
      });
    }
  }
}
