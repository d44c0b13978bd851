// What every part of the API benchmark shares: where it writes, how it prints.

export { REPO_ROOT, RESULTS_DIR } from '../lib/report.js';

export const say = (message = '') => process.stdout.write(`${message}\n`);
export const now = () => performance.now();
