/**
 * AWS's managed policy documents, as AWS publishes them: read from the list moto ships
 * (`moto/iam/aws_managed_policies.py`, what `MOTO_IAM_LOAD_MANAGED_POLICIES=true` loads), not a hand-written
 * stand-in. Python only tells where moto is installed; the file is read and parsed here.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

function motoManagedPolicies(): Record<string, { Document: unknown }> {
  const motoDir = execFileSync(
    'python3',
    ['-c', 'import importlib.util as u; print(u.find_spec("moto").submodule_search_locations[0])'],
    { encoding: 'utf8' },
  ).trim();
  const source = readFileSync(path.join(motoDir, 'iam', 'aws_managed_policies.py'), 'utf8');
  const start = source.indexOf('"""');
  const end = source.lastIndexOf('"""');
  if (start < 0 || end <= start) throw new Error(`no policy list in moto ${motoDir}`);
  return JSON.parse(source.slice(start + 3, end));
}

let cache: Record<string, unknown> | undefined;

/** The document of the AWS managed policy `name` (e.g. `PowerUserAccess`, `service-role/AWS_ConfigRole`). */
export function awsManagedPolicy(name: string): unknown {
  cache ??= Object.fromEntries(
    Object.entries(motoManagedPolicies()).map(([key, value]) => [key, value.Document]),
  );
  const document = cache[name.split('/').pop()!];
  if (!document) throw new Error(`moto ships no AWS managed policy ${name}`);
  return document;
}
