import { toGlobalId, type NodeType } from '../../core/global-id';
import type { Node } from '../graphql/node';
import { TenantScopedEntity } from './tenant-scoped.entity';

/**
 * A tenant-owned row that the API serves as a `Node`: its `id` field (declared
 * once, on the `Node` interface) is the global id made of the class's
 * `nodeType` and the row's uuid. The type sits on the class, not the instance,
 * because the ORM hydrates rows without running constructors.
 */
export abstract class TenantScopedNode extends TenantScopedEntity implements Node {
  static readonly nodeType: NodeType;

  get nodeId(): string {
    return toGlobalId((this.constructor as typeof TenantScopedNode).nodeType, this.id);
  }
}
