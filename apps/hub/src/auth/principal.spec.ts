import { describe, expect, it } from '@jest/globals';
import { principalFromClaims } from './principal.js';

describe('principalFromClaims', () => {
  it.each([
    [
      'a worker with a municipality',
      { sub: 'w1', roles: ['worker'], municipality: 'GM0363' },
      { roles: ['worker'], municipality: 'GM0363' },
    ],
    [
      'a team lead with a municipality',
      { sub: 't1', roles: ['team_lead'], municipality: 'GM0363' },
      { roles: ['team_lead'], municipality: 'GM0363' },
    ],
    [
      'a privacy officer',
      { sub: 'p1', roles: ['privacy_officer'], municipality: 'GM0599' },
      { roles: ['privacy_officer'] },
    ],
    [
      'an operator without municipality',
      { sub: 'o1', roles: ['operator'] },
      { roles: ['operator'], municipality: null },
    ],
    ['a creditor with its id', { sub: 'c1', roles: ['creditor'], creditor: 'energie-x' }, { creditor: 'energie-x' }],
    [
      'unknown roles dropped, known kept',
      { sub: 'w2', roles: ['admin', 'worker'], municipality: 'GM0363' },
      { roles: ['worker'] },
    ],
  ])('accepts %s', (_name, claims, expected) => {
    expect(principalFromClaims(claims)).toMatchObject(expected);
  });

  it.each([
    ['no subject', { roles: ['worker'], municipality: 'GM0363' }],
    ['no roles', { sub: 'x', roles: [] }],
    ['only unknown roles', { sub: 'x', roles: ['admin'] }],
    ['roles not a list', { sub: 'x', roles: 'worker', municipality: 'GM0363' }],
    ['a worker without municipality', { sub: 'x', roles: ['worker'] }],
    ['a team lead without municipality', { sub: 'x', roles: ['team_lead'] }],
    ['a worker with a malformed municipality', { sub: 'x', roles: ['worker'], municipality: '0363' }],
    ['a worker with a wildcard municipality', { sub: 'x', roles: ['worker'], municipality: 'GM*' }],
    ['a team lead without municipality', { sub: 'x', roles: ['team_lead'] }],
    ['a team lead with a malformed municipality', { sub: 'x', roles: ['team_lead'], municipality: 'GM36' }],
    ['a creditor without creditor id', { sub: 'x', roles: ['creditor'] }],
  ])('refuses %s', (_name, claims) => {
    expect(principalFromClaims(claims as Record<string, unknown>)).toBeNull();
  });

  it('reads a municipality code from before a merger as the current one', () => {
    const mergers = new Map([['GM0001', 'GM1966']]);
    expect(principalFromClaims({ sub: 'w', roles: ['worker'], municipality: 'GM0001' }, mergers)?.municipality).toBe(
      'GM1966',
    );
    expect(principalFromClaims({ sub: 'w', roles: ['worker'], municipality: 'GM0363' }, mergers)?.municipality).toBe(
      'GM0363',
    );
  });
});
