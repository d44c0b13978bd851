export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__signaalhubInfra as
    { stop: Array<() => Promise<unknown>> } | undefined;
  for (const stop of state?.stop ?? []) await stop().catch(() => undefined);
}
