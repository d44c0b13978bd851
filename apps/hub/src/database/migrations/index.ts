import { InitialSchema1732300000000 } from './1732300000000-initial-schema.js';

/** Every migration, in order. Listed explicitly so the ESM build needs no file globbing. */
export const migrations = [InitialSchema1732300000000];
