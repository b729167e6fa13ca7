/**
 * The CIS AWS Foundations Benchmark v3.0 monitoring controls (§4.1–4.15): one CloudWatch Logs metric filter on
 * the trail's log group and one alarm each. The patterns follow the benchmark's remediation text.
 */
export interface CisMonitoringControl {
  /** CIS control number, e.g. `4.3`. */
  id: string;
  /** Short name, used in the alarm and metric names. */
  name: string;
  description: string;
  pattern: string;
}

/** `{ ($.eventSource = "<source>") && (($.eventName = "a") || …) }`; no source when `source` is empty. */
function events(source: string, names: string[]): string {
  const any = names.map((n) => `($.eventName = "${n}")`).join(' || ');
  return source ? `{ ($.eventSource = "${source}") && (${any}) }` : `{ ${any} }`;
}

export const CIS_MONITORING_CONTROLS: readonly CisMonitoringControl[] = [
  {
    id: '4.1',
    name: 'unauthorized-api-calls',
    description: 'Unauthorized API calls',
    pattern:
      '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
  },
  {
    id: '4.2',
    name: 'console-sign-in-without-mfa',
    description: 'Management Console sign-in without MFA',
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  {
    id: '4.3',
    name: 'root-usage',
    description: 'Usage of the root user',
    pattern:
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  },
  {
    id: '4.4',
    name: 'iam-policy-changes',
    description: 'IAM policy changes',
    pattern: events('iam.amazonaws.com', [
      'DeleteGroupPolicy',
      'DeleteRolePolicy',
      'DeleteUserPolicy',
      'PutGroupPolicy',
      'PutRolePolicy',
      'PutUserPolicy',
      'CreatePolicy',
      'DeletePolicy',
      'CreatePolicyVersion',
      'DeletePolicyVersion',
      'SetDefaultPolicyVersion',
      'AttachRolePolicy',
      'DetachRolePolicy',
      'AttachUserPolicy',
      'DetachUserPolicy',
      'AttachGroupPolicy',
      'DetachGroupPolicy',
    ]),
  },
  {
    id: '4.5',
    name: 'cloudtrail-changes',
    description: 'CloudTrail configuration changes',
    pattern: events('', ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging']),
  },
  {
    id: '4.6',
    name: 'console-authentication-failures',
    description: 'Management Console authentication failures',
    pattern: '{ ($.eventName = "ConsoleLogin") && ($.errorMessage = "Failed authentication") }',
  },
  {
    id: '4.7',
    name: 'kms-key-disable-or-deletion',
    description: 'Disabling or scheduled deletion of customer managed keys',
    pattern: events('kms.amazonaws.com', ['DisableKey', 'ScheduleKeyDeletion']),
  },
  {
    id: '4.8',
    name: 's3-bucket-policy-changes',
    description: 'S3 bucket policy changes',
    pattern: events('s3.amazonaws.com', [
      'PutBucketAcl',
      'PutBucketPolicy',
      'PutBucketCors',
      'PutBucketLifecycle',
      'PutBucketReplication',
      'DeleteBucketPolicy',
      'DeleteBucketCors',
      'DeleteBucketLifecycle',
      'DeleteBucketReplication',
    ]),
  },
  {
    id: '4.9',
    name: 'config-changes',
    description: 'AWS Config configuration changes',
    pattern: events('config.amazonaws.com', [
      'StopConfigurationRecorder',
      'DeleteDeliveryChannel',
      'PutDeliveryChannel',
      'PutConfigurationRecorder',
    ]),
  },
  {
    id: '4.10',
    name: 'security-group-changes',
    description: 'Security group changes',
    pattern: events('', [
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupEgress',
      'RevokeSecurityGroupIngress',
      'RevokeSecurityGroupEgress',
      'CreateSecurityGroup',
      'DeleteSecurityGroup',
    ]),
  },
  {
    id: '4.11',
    name: 'nacl-changes',
    description: 'Network ACL changes',
    pattern: events('', [
      'CreateNetworkAcl',
      'CreateNetworkAclEntry',
      'DeleteNetworkAcl',
      'DeleteNetworkAclEntry',
      'ReplaceNetworkAclEntry',
      'ReplaceNetworkAclAssociation',
    ]),
  },
  {
    id: '4.12',
    name: 'network-gateway-changes',
    description: 'Changes to network gateways',
    pattern: events('', [
      'CreateCustomerGateway',
      'DeleteCustomerGateway',
      'AttachInternetGateway',
      'CreateInternetGateway',
      'DeleteInternetGateway',
      'DetachInternetGateway',
    ]),
  },
  {
    id: '4.13',
    name: 'route-table-changes',
    description: 'Route table changes',
    pattern: events('ec2.amazonaws.com', [
      'CreateRoute',
      'CreateRouteTable',
      'ReplaceRoute',
      'ReplaceRouteTableAssociation',
      'DeleteRouteTable',
      'DeleteRoute',
      'DisassociateRouteTable',
    ]),
  },
  {
    id: '4.14',
    name: 'vpc-changes',
    description: 'VPC changes',
    pattern: events('', [
      'CreateVpc',
      'DeleteVpc',
      'ModifyVpcAttribute',
      'AcceptVpcPeeringConnection',
      'CreateVpcPeeringConnection',
      'DeleteVpcPeeringConnection',
      'RejectVpcPeeringConnection',
      'AttachClassicLinkVpc',
      'DetachClassicLinkVpc',
      'DisableVpcClassicLink',
      'EnableVpcClassicLink',
    ]),
  },
  {
    id: '4.15',
    name: 'organizations-changes',
    description: 'AWS Organizations changes',
    pattern: events('organizations.amazonaws.com', [
      'AcceptHandshake',
      'AttachPolicy',
      'CreateAccount',
      'CreateOrganizationalUnit',
      'CreatePolicy',
      'DeclineHandshake',
      'DeleteOrganization',
      'DeleteOrganizationalUnit',
      'DeletePolicy',
      'DetachPolicy',
      'DisablePolicyType',
      'EnablePolicyType',
      'InviteAccountToOrganization',
      'LeaveOrganization',
      'MoveAccount',
      'RemoveAccountFromOrganization',
      'UpdatePolicy',
      'UpdateOrganizationalUnit',
    ]),
  },
];
