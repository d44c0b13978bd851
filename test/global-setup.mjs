// Jest loads global setup outside its module system, so the TypeScript loader of the project
// (tools/ts) is registered here to import the real setup with the workspace aliases.
import { register } from 'node:module';

register('../tools/ts/hooks.mjs', import.meta.url);

export default async function globalSetup() {
  const { default: setup } = await import('./infra-setup.ts');
  await setup();
}
