import { LocalBackend, S3Backend, type TerraformStack } from 'cdktf';
import type { Settings } from './settings/types.js';

/**
 * Sets the backend explicitly so the synthesized JSON holds no absolute path: local state is the relative
 * `packages/infra/terraform.<stack>.tfstate`, given relative to the stack folder; the S3 backend uses S3-native locking (`use_lockfile`).
 */
export function configureBackend(
  stack: TerraformStack,
  stackName: string,
  s: Settings,
  region: string,
): void {
  const backend = s.stateBackend;
  if (backend === 'local') {
    // Relative to the stack folder: packages/infra/terraform.<stack>.tfstate, outside cdktf.out, so that
    // clearing the build output never deletes the state of the account it built.
    new LocalBackend(stack, { path: `../../../terraform.${stackName}.tfstate` });
    return;
  }
  new S3Backend(stack, {
    bucket: backend.bucket,
    key: `${backend.keyPrefix ?? 'awst'}/${stackName}.tfstate`,
    region: backend.region ?? region,
    encrypt: true,
  });
  // cdktf 0.21's S3BackendConfig predates use_lockfile (Terraform >= 1.10).
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
}
