import { fileURLToPath } from 'node:url';

/** The repository root and its ignored cache folder, where local infrastructure keeps its state. */
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const CACHE_DIR = fileURLToPath(new URL('../.cache/', import.meta.url));
export const DEV_AUTH_DIR = fileURLToPath(new URL('../.cache/dev-auth/', import.meta.url));
