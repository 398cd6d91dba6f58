import type { GroupNode, ItemNode, RubricDefinition, RubricNode } from '../schema.ts';

/**
 * A new version of a built-in rubric: a copy of `base` (never changed: stored sheets and signed
 * files carry its hash) with a new version number and each named node replaced by what its
 * function returns. Written this way, a version's file says exactly what changed from the one
 * before. Every node named must exist.
 */
export function revise(
  base: RubricDefinition,
  version: number,
  effectiveFrom: string,
  changes: Readonly<Record<string, (node: RubricNode) => RubricNode>>,
): RubricDefinition {
  const copy = structuredClone(base);
  const unused = new Set(Object.keys(changes));
  const walk = (nodes: RubricNode[]): RubricNode[] =>
    nodes.map((node) => {
      const changed = Object.hasOwn(changes, node.id) ? changes[node.id]!(node) : node;
      unused.delete(node.id);
      return changed.type === 'group' ? { ...changed, children: walk(changed.children) } : changed;
    });
  const items = walk(copy.items);
  if (unused.size) throw new Error(`${base.id}@${version}: no node ${[...unused].join(', ')} in ${base.id}@${base.version}`);
  return { ...copy, version, effectiveFrom, items };
}

/** The node as an item (a change that expects one). */
export function asItem(node: RubricNode): ItemNode {
  if (node.type !== 'item') throw new Error(`${node.id} is a group, not an item`);
  return node;
}

/** The node without the given keys (e.g. `handIn` where doubling no longer applies). */
export function without<T extends ItemNode | GroupNode, K extends keyof T>(node: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...node };
  for (const k of keys) delete copy[k];
  return copy;
}
