import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** What an operation would ask of the hub, measured from the document alone (nothing has run yet). */
export interface OperationMeasure {
  /** Fields nested, counting the root field and the leaf: `{ cases { totalCount } }` is 2. */
  depth: number;
  /**
   * Fields the operation can resolve at most: each field costs 1, and a list multiplies what is
   * selected inside it by its size (`first`, else the field's default, else `defaultListSize`).
   */
  cost: number;
  /** Root fields after fragments are expanded (aliases count separately). */
  rootFields: number;
  /** Aliased fields anywhere in the document. */
  aliases: number;
}

interface Measure {
  depth: number;
  cost: number;
  /** Fields at the top of this selection, fragments expanded. */
  width: number;
}

const UNBOUNDED: Measure = { depth: Infinity, cost: Infinity, width: Infinity };

/**
 * Measures one operation against the schema with its variables. Fragments are expanded by value and
 * measured once each, so a document cannot make the measurement itself expensive by spreading the
 * same fragment many times; a fragment cycle (refused by validation anyway) measures as infinite.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  defaultListSize: number,
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, Measure>();
  const inProgress = new Set<string>();

  const fragment = (name: string): Measure => {
    const known = measured.get(name);
    if (known) return known;
    const definition = fragments.get(name);
    if (!definition || inProgress.has(name)) return UNBOUNDED;
    inProgress.add(name);
    const type = schema.getType(definition.typeCondition.name.value);
    const result = selectionSet(definition.selectionSet, isCompositeType(type) ? type : undefined);
    inProgress.delete(name);
    measured.set(name, result);
    return result;
  };

  const field = (node: FieldNode, parent: GraphQLCompositeType | undefined): Measure => {
    const definition =
      parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[node.name.value] : undefined;
    if (!node.selectionSet) return { depth: 1, cost: 1, width: 1 };
    const type = definition ? getNamedType(definition.type) : undefined;
    const inner = selectionSet(node.selectionSet, isCompositeType(type) ? type : undefined);
    return { depth: 1 + inner.depth, cost: 1 + listSize(node, definition, parent) * inner.cost, width: 1 };
  };

  const listSize = (
    node: FieldNode,
    definition: GraphQLField<unknown, unknown> | undefined,
    parent: GraphQLCompositeType | undefined,
  ): number => {
    const firstArg = definition?.args.find((arg) => arg.name === 'first');
    if (firstArg) {
      const argument = node.arguments?.find((arg) => arg.name.value === 'first');
      let value: unknown = firstArg.defaultValue;
      if (argument?.value.kind === Kind.INT) value = Number(argument.value.value);
      else if (argument?.value.kind === Kind.VARIABLE) value = variables[argument.value.name.value] ?? value;
      return typeof value === 'number' && Number.isFinite(value) ? Math.max(1, value) : defaultListSize;
    }
    if (!definition || !isListType(getNullableType(definition.type))) return 1;
    // The edges of a connection are already paid for by the connection's `first`.
    return isConnection(parent) ? 1 : defaultListSize;
  };

  const selectionSet = (set: SelectionSetNode, parent: GraphQLCompositeType | undefined): Measure => {
    let depth = 0;
    let cost = 0;
    let width = 0;
    for (const selection of set.selections) {
      let inner: Measure;
      if (selection.kind === Kind.FIELD) inner = field(selection, parent);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) inner = fragment(selection.name.value);
      else {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        inner = selectionSet(selection.selectionSet, isCompositeType(type) ? type : undefined);
      }
      depth = Math.max(depth, inner.depth);
      cost += inner.cost;
      width += inner.width;
    }
    return { depth, cost, width };
  };

  const rootType = schema.getRootType(operation.operation) ?? undefined;
  const { depth, cost, width } = selectionSet(operation.selectionSet, rootType);
  return { depth, cost, rootFields: width, aliases: aliasCount(document) };
}

function isConnection(type: GraphQLCompositeType | undefined): boolean {
  if (!type || !isObjectType(type)) return false;
  const fields = type.getFields();
  return 'edges' in fields && 'pageInfo' in fields;
}

function aliasCount(document: DocumentNode): number {
  let aliases = 0;
  visit(document, {
    Field(node) {
      if (node.alias) aliases += 1;
    },
  });
  return aliases;
}
