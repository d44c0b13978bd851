// `node --import ./tools/ts/register.mjs file.ts` runs the TypeScript sources directly on Node 24.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
