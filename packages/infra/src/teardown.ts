import { dependable, TerraformResource, type TerraformStack } from 'cdktf';

/**
 * Makes every other resource of `stack` depend on `keep` (the admin role, its trust and its policies), so
 * `terraform destroy` removes them last: a destroy run through that role keeps its permissions until
 * everything else is gone. (The role cannot delete itself once its policy is detached; see README teardown.)
 */
export function lastToGo(stack: TerraformStack, keep: TerraformResource[]): void {
  const kept = new Set<TerraformResource>(keep);
  for (const node of stack.node.findAll()) {
    if (!(node instanceof TerraformResource) || kept.has(node)) continue;
    const current = node.dependsOn ?? [];
    const added = keep.map((r) => dependable(r)).filter((ref) => !current.includes(ref));
    node.dependsOn = [...current, ...added];
  }
}
