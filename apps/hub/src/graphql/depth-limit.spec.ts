import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, validate } from 'graphql';
import { depthLimit } from './depth-limit.js';

const schema = buildSchema(`
  type Node { id: ID! child: Node }
  type Query { root: Node }
`);

/** A query `depth` fields deep, counting the root field and the leaf: `{ root { id } }` is 2. */
function nested(depth: number): string {
  let selection = 'id';
  for (let i = 2; i < depth; i++) selection = `child { ${selection} }`;
  return `{ root { ${selection} } }`;
}

describe('depthLimit', () => {
  it.each([
    [3, 3, 0],
    [4, 3, 1],
    [8, 8, 0],
    [9, 8, 1],
  ])('a query %i deep against a limit of %i gives %i error(s)', (depth, limit, errors) => {
    expect(validate(schema, parse(nested(depth)), [depthLimit(limit)])).toHaveLength(errors);
  });

  it('follows fragments, and a cycle of fragments does not loop', () => {
    const viaFragment = parse(`{ root { ...A } } fragment A on Node { child { child { id } } }`);
    expect(validate(schema, viaFragment, [depthLimit(3)])).toHaveLength(1);
    expect(validate(schema, viaFragment, [depthLimit(4)])).toHaveLength(0);
  });

  it('codes the refusal as BAD_USER_INPUT', () => {
    const [error] = validate(schema, parse(nested(5)), [depthLimit(2)]);
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
  });
});
