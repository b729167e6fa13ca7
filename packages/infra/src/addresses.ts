import { TerraformElement, TerraformStack } from 'cdktf';
import { Construct, type Node } from 'constructs';

/**
 * A construct that only groups others: its id is no part of its resources' Terraform addresses. Resources
 * that moved into such a group keep the addresses they had, so deployed accounts see no replacement.
 */
export class AddresslessGroup extends Construct {}

/**
 * A stack whose logical ids leave out {@link AddresslessGroup}s; otherwise cdktf's own (the path below the
 * stack, hashed). Two elements given one id (siblings of two groups with the same id) are refused, where
 * cdktf would have refused two siblings of one name.
 */
export class GroupedStack extends TerraformStack {
  private readonly allocated = new Map<string, string>();

  protected override allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const scopes = node.scopes.filter((scope) => !(scope instanceof AddresslessGroup));
    const id =
      scopes.length === node.scopes.length
        ? super.allocateLogicalId(element)
        : // cdktf's allocation reads only the scopes of the node it is given.
          super.allocateLogicalId({ scopes } as unknown as Node);
    const holder = this.allocated.get(id);
    if (holder !== undefined && holder !== node.path) {
      throw new Error(`${node.path} and ${holder} would share the Terraform address ${id}; rename one`);
    }
    this.allocated.set(id, node.path);
    return id;
  }
}
