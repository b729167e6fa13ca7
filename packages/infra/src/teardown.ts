import { dependable, TerraformResource, type TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

/**
 * Makes every other resource of `stack` depend on the resources of `keep` (the admin role, its trust and its
 * policies), so `terraform destroy` removes them last: a destroy run through that role keeps its permissions
 * until everything else is gone. (The role cannot delete itself once its policy is detached; see README
 * teardown.)
 */
export function lastToGo(stack: TerraformStack, keep: Construct): void {
  const kept = keep.node.findAll().filter((node) => node instanceof TerraformResource);
  for (const node of stack.node.findAll()) {
    if (!(node instanceof TerraformResource) || kept.includes(node)) continue;
    const current = node.dependsOn ?? [];
    const added = kept.map((r) => dependable(r)).filter((ref) => !current.includes(ref));
    node.dependsOn = [...current, ...added];
  }
}
