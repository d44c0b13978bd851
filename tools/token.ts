// npm run token -- --role worker --municipality GM0363
// Prints a development bearer token signed with the local development key.
import { parseArgs } from 'node:util';
import { ensureDevKeyPair, mintToken, type TokenRole } from '@signaalhub/devstack';
import { DEV_AUTH_DIR } from './paths.js';

const ROLES: TokenRole[] = ['worker', 'team_lead', 'privacy_officer', 'operator', 'creditor'];
const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true, default: ['worker'] },
    municipality: { type: 'string' },
    creditor: { type: 'string' },
    sub: { type: 'string' },
    hours: { type: 'string', default: '8' },
  },
});

const roles = (values.role ?? []) as TokenRole[];
const unknown = roles.filter((r) => !ROLES.includes(r));
if (unknown.length > 0) {
  process.stderr.write(`Unknown role ${unknown.join(', ')}; use one of ${ROLES.join(', ')}\n`);
  process.exit(2);
}
const municipal = roles.some((r) => r === 'worker' || r === 'team_lead' || r === 'privacy_officer');
if (municipal && !/^GM\d{4}$/.test(values.municipality ?? '')) {
  process.stderr.write('Workers, team leads and privacy officers need --municipality GMxxxx\n');
  process.exit(2);
}
if (roles.includes('creditor') && !values.creditor) {
  process.stderr.write('Creditors need --creditor <creditor id>\n');
  process.exit(2);
}
const token = await mintToken(ensureDevKeyPair(DEV_AUTH_DIR), {
  roles,
  municipality: values.municipality,
  creditor: values.creditor,
  sub: values.sub,
  expiresIn: Number(values.hours) * 3600,
});
process.stdout.write(`${token}\n`);
