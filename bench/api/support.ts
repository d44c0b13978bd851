// What every part of the API benchmark shares: where it writes, how it prints.
import { fileURLToPath } from 'node:url';

export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

export const say = (message = '') => process.stdout.write(`${message}\n`);
export const now = () => performance.now();
