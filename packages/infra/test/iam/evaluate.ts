/**
 * Evaluates the synthesized baseline's IAM policies with @cloud-copilot/iam-simulate (AGPL, a devDependency of
 * these tests only). Every policy comes from the synthesized Terraform JSON; only Terraform references are
 * resolved (account id, partition, role and bucket ARNs), as Terraform would at apply time.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { Json } from '../helpers.js';
import { awsManagedPolicy } from './aws-managed.js';

export const ACCOUNT = '123456789012';
export const PARTITION = 'aws';
export const REGION = 'eu-west-1';

type Doc = Json;
export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** How a request is signed. */
export type Signature =
  | { kind: 'key' }
  | { kind: 'console-without-mfa' }
  | { kind: 'mfa'; ageSeconds: number };

export const KEY: Signature = { kind: 'key' };
export const CONSOLE: Signature = { kind: 'console-without-mfa' };
export const mfa = (ageSeconds: number): Signature => ({ kind: 'mfa', ageSeconds });

/** The synthesized stack's policies with Terraform references resolved. */
export class SynthesizedIam {
  constructor(readonly json: Json) {}

  /** Replaces `${type.name.attr}` references and Terraform's `$${` escape the way an apply would. */
  resolve(text: string): string {
    return text.replace(/(\$?)\$\{([^}]+)\}/g, (whole, escaped: string, expr: string) => {
      if (escaped) return `\${${expr}}`;
      return this.reference(expr.trim()) ?? whole;
    });
  }

  private reference(expr: string): string | undefined {
    if (expr === 'data.aws_caller_identity.current.account_id') return ACCOUNT;
    if (expr === 'data.aws_partition.partition.partition') return PARTITION;
    const [type, id, attr] = expr.split('.');
    const config = this.json.resource?.[type!]?.[id!];
    if (!config) return undefined;
    const r = (v: string) => this.resolve(v);
    if (type === 'aws_iam_role' && attr === 'arn')
      return `arn:${PARTITION}:iam::${ACCOUNT}:role/${r(config.name)}`;
    if (type === 'aws_iam_role' && attr === 'name') return r(config.name);
    if (type === 'aws_s3_bucket' && attr === 'arn') return `arn:${PARTITION}:s3:::${r(config.bucket)}`;
    if (type === 'aws_s3_bucket' && (attr === 'id' || attr === 'bucket')) return r(config.bucket);
    if (type === 'aws_iam_policy' && attr === 'arn')
      return `arn:${PARTITION}:iam::${ACCOUNT}:policy/${r(config.name)}`;
    if (type === 'aws_ssm_parameter' && attr === 'arn')
      return `arn:${PARTITION}:ssm:${REGION}:${ACCOUNT}:parameter/${r(config.name).replace(/^\//, '')}`;
    if (attr === 'name' && typeof config.name === 'string') return r(config.name);
    return undefined;
  }

  private all(type: string): Json[] {
    return Object.values(this.json.resource?.[type] ?? {}).map((c) =>
      JSON.parse(this.resolve(JSON.stringify(c))),
    );
  }

  private doc(text: string): Doc {
    return JSON.parse(text);
  }

  /** Managed and inline policies of a group, as IAM would evaluate them for its members. */
  groupPolicies(group: string): { name: string; policy: Doc }[] {
    const managed = new Map(
      this.all('aws_iam_policy').map((p) => [`arn:${PARTITION}:iam::${ACCOUNT}:policy/${p.name}`, p]),
    );
    const attached = this.all('aws_iam_group_policy_attachment')
      .filter((a) => a.group === group)
      .map((a) => {
        const p = managed.get(a.policy_arn);
        if (!p) throw new Error(`unknown policy ${a.policy_arn}`);
        return { name: p.name, policy: this.doc(p.policy) };
      });
    const inline = this.all('aws_iam_group_policy')
      .filter((p) => p.group === group)
      .map((p) => ({ name: p.name, policy: this.doc(p.policy) }));
    return [...attached, ...inline];
  }

  userPolicies(user: string): { name: string; policy: Doc }[] {
    const membership = this.all('aws_iam_user_group_membership').find((m) => m.user === user);
    if (!membership) throw new Error(`no user ${user}`);
    return membership.groups.flatMap((g: string) => this.groupPolicies(g));
  }

  role(name: string): Json {
    const role = this.all('aws_iam_role').find((r) => r.name === name);
    if (!role) throw new Error(`no role ${name}`);
    return role;
  }

  trustPolicy(role: string): Doc {
    return this.doc(this.role(role).assume_role_policy);
  }

  rolePolicies(role: string): { name: string; policy: Doc }[] {
    const managed = this.all('aws_iam_role_policy_attachment')
      .filter((a) => a.role === role)
      .map((a) => {
        const name = a.policy_arn.split('/').pop();
        return { name, policy: awsManagedPolicy(name) };
      });
    const inline = this.all('aws_iam_role_policy')
      .filter((p) => p.role === role)
      .map((p) => ({ name: p.name, policy: this.doc(p.policy) }));
    return [...managed, ...inline];
  }

  /** The policy of the KMS key whose description starts with `description`. */
  keyPolicy(description: string): Doc {
    const found = this.all('aws_kms_key').find((k) => String(k.description).startsWith(description));
    if (!found) throw new Error(`no key ${description}`);
    return this.doc(found.policy);
  }

  bucketName(prefix: string): string {
    return `${prefix}-${ACCOUNT}`;
  }

  bucketPolicy(bucket: string): Doc {
    const found = this.all('aws_s3_bucket_policy').find((p) => p.bucket === bucket);
    if (!found) throw new Error(`no policy for bucket ${bucket}`);
    return this.doc(found.policy);
  }
}

function mfaContext(signature: Signature): Record<string, string> {
  if (signature.kind === 'key') return {};
  if (signature.kind === 'console-without-mfa') return { 'aws:MultiFactorAuthPresent': 'false' };
  return { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': String(signature.ageSeconds) };
}

export interface Request {
  action: string;
  resource: string;
  /** The trust policy or bucket policy of the resource, if any. */
  resourcePolicy?: Doc;
  context?: Record<string, string>;
}

async function simulate(
  principal: string,
  principalArn: string,
  identityPolicies: { name: string; policy: Doc }[],
  context: Record<string, string>,
  request: Request,
): Promise<Decision> {
  const result = await runSimulation(
    {
      identityPolicies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: request.resourcePolicy,
      request: {
        action: request.action,
        principal,
        resource: { accountId: ACCOUNT, resource: request.resource },
        contextVariables: {
          // A service principal's request carries neither key.
          ...(principalArn.startsWith('arn:')
            ? { 'aws:PrincipalArn': principalArn, 'aws:PrincipalAccount': ACCOUNT }
            : {}),
          'aws:SecureTransport': 'true',
          ...context,
          ...request.context,
        },
      },
    },
    {},
  );
  if (result.resultType === 'error') {
    throw new Error(`simulation failed for ${request.action}: ${JSON.stringify(result.errors)}`);
  }
  return result.overallResult as Decision;
}

/** A request by IAM user `user`, signed as `signature`. */
export function asUser(
  iam: SynthesizedIam,
  user: string,
  signature: Signature,
  request: Request,
): Promise<Decision> {
  return asUserWith(iam.userPolicies(user), user, signature, request);
}

/** As {@link asUser}, with the given identity policies. */
export function asUserWith(
  policies: { name: string; policy: Doc }[],
  user: string,
  signature: Signature,
  request: Request,
): Promise<Decision> {
  const arn = `arn:${PARTITION}:iam::${ACCOUNT}:user/${user}`;
  return simulate(arn, arn, policies, { 'aws:username': user, ...mfaContext(signature) }, request);
}

/** A request by a session of role `role` (its MFA context, if any, in `context`). */
export function asRole(
  iam: SynthesizedIam,
  role: string,
  request: Request,
  context: Record<string, string> = {},
): Promise<Decision> {
  return asRoleWith(iam.rolePolicies(role), role, request, context);
}

/** As {@link asRole}, with the given identity policies (e.g. the role's without one of them). */
export function asRoleWith(
  policies: { name: string; policy: Doc }[],
  role: string,
  request: Request,
  context: Record<string, string> = {},
): Promise<Decision> {
  return simulate(
    `arn:${PARTITION}:sts::${ACCOUNT}:assumed-role/${role}/alice`,
    `arn:${PARTITION}:iam::${ACCOUNT}:role/${role}`,
    policies,
    context,
    request,
  );
}

/** A request a service principal (e.g. `cloudtrail.amazonaws.com`) makes, from `sourceArn`. */
export function asService(service: string, sourceArn: string, request: Request): Promise<Decision> {
  return simulate(
    service,
    service,
    [],
    { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': ACCOUNT },
    request,
  );
}

/** A request by the account root user. */
export function asRoot(request: Request): Promise<Decision> {
  const arn = `arn:${PARTITION}:iam::${ACCOUNT}:root`;
  return simulate(arn, arn, [], {}, request);
}

export const userArn = (user: string) => `arn:${PARTITION}:iam::${ACCOUNT}:user/${user}`;
export const roleArn = (role: string) => `arn:${PARTITION}:iam::${ACCOUNT}:role/${role}`;
export const mfaArn = (device: string) => `arn:${PARTITION}:iam::${ACCOUNT}:mfa/${device}`;
