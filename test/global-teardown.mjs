export default async function globalTeardown() {
  const { default: teardown } = await import('./infra-teardown.ts');
  await teardown();
}
