import { describe, expect, it } from '@jest/globals';
import { buildSchema, getOperationAST, parse } from 'graphql';
import { measureOperation } from './query-cost.js';

const schema = buildSchema(`
  type PageInfo { hasNextPage: Boolean! }
  type Signal { id: ID! amount: Int! }
  type Case { id: ID! sectors: [String!]! signals: [Signal!]! child: Case }
  type CaseEdge { cursor: String! node: Case! }
  type CaseConnection { totalCount: Int! pageInfo: PageInfo! edges: [CaseEdge!]! }
  type Query { cases(first: Int = 50): CaseConnection! case(id: ID!): Case }
`);

function measure(query: string, variables: Record<string, unknown> = {}, defaultListSize = 10) {
  const document = parse(query);
  return measureOperation(schema, document, getOperationAST(document)!, variables, defaultListSize);
}

/** A query `depth` fields deep, counting the root field and the leaf: `{ case { id } }` is 2. */
function nested(depth: number): string {
  let selection = 'id';
  for (let i = 2; i < depth; i++) selection = `child { ${selection} }`;
  return `{ case(id: "1") { ${selection} } }`;
}

describe('measureOperation', () => {
  it('costs each field 1', () => {
    expect(measure('{ case(id: "1") { id sectors } }').cost).toBe(3);
  });

  it('multiplies what a connection selects by its first argument, literal or variable', () => {
    expect(measure('{ cases(first: 200) { totalCount } }').cost).toBe(201);
    expect(measure('query Q($n: Int) { cases(first: $n) { totalCount } }', { n: 7 }).cost).toBe(8);
    // The edges are paid by the connection's `first`, not multiplied again.
    expect(measure('{ cases(first: 2) { edges { node { id } } } }').cost).toBe(1 + 2 * (1 + 1 + 1));
  });

  it('uses the argument default when first is absent, and never less than one', () => {
    expect(measure('{ cases { totalCount } }').cost).toBe(51);
    expect(measure('query Q($n: Int) { cases(first: $n) { totalCount } }', {}).cost).toBe(51);
    expect(measure('{ cases(first: -5) { totalCount } }').cost).toBe(2);
  });

  it('multiplies a list of objects without first by the default list size; nesting multiplies', () => {
    expect(measure('{ case(id: "1") { signals { id amount } } }', {}, 10).cost).toBe(1 + (1 + 10 * 2));
    expect(measure('{ cases(first: 3) { edges { node { signals { id } } } } }', {}, 10).cost).toBe(
      1 + 3 * (1 + (1 + (1 + 10 * 1))),
    );
  });

  it('counts aliases separately, as root fields and as aliases', () => {
    const aliased = Array.from({ length: 300 }, (_, i) => `a${i}: cases(first: 200) { totalCount }`).join(' ');
    expect(measure(`{ ${aliased} }`)).toMatchObject({ cost: 300 * 201, rootFields: 300, aliases: 300 });
  });

  it('expands fragments and inline fragments, at the root too', () => {
    const query = `{ ...Root } fragment Root on Query { one: cases(first: 2) { ...Total } two: cases(first: 3) { ...Total } }
      fragment Total on CaseConnection { totalCount ... on CaseConnection { pageInfo { hasNextPage } } }`;
    expect(measure(query)).toMatchObject({ cost: 1 + 2 * 3 + 1 + 3 * 3, rootFields: 2, aliases: 2 });
  });

  it('measures a fragment spread many times, many levels deep, without expanding it each time', () => {
    // 30 levels of fragments each spreading the next 10 times: 10^30 fields if expanded naively.
    const levels = Array.from({ length: 30 }, (_, i) => {
      const next = i === 29 ? 'id' : Array.from({ length: 10 }, () => `...F${i + 1}`).join(' ');
      return `fragment F${i} on Case { ${next} }`;
    });
    const result = measure(`{ case(id: "1") { ...F0 } } ${levels.join(' ')}`);
    expect(result.cost).toBeGreaterThan(1e28);
    expect(result.depth).toBe(2);
  });

  it('measures a fragment cycle as unbounded instead of looping', () => {
    const cyclic = `{ case(id: "1") { ...A } } fragment A on Case { child { ...B } } fragment B on Case { child { ...A } }`;
    expect(measure(cyclic)).toMatchObject({ cost: Infinity, depth: Infinity });
  });

  it.each([2, 3, 8, 9])('measures a query %i fields deep', (depth) => {
    expect(measure(nested(depth)).depth).toBe(depth);
  });

  it('follows fragments for depth', () => {
    expect(measure(`{ case(id: "1") { ...A } } fragment A on Case { child { child { id } } }`).depth).toBe(4);
  });
});
