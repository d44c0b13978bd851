// What the benchmarks' command lines share: whole-number options and the usage/exit-code handling.

/** A whole-number option (`_` and `,` allowed as digit groups), the fallback when absent. */
export function integerOption(
  raw: string | undefined,
  fallback: number,
  name: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new Error(`--${name} must be an integer ${range}, got ${raw}`);
  }
  return n;
}

/**
 * The parsed options, or the exit code to end with: 0 after printing the usage on request, 2 after
 * printing what was wrong. `parse` answers a string for usage or an argument error, and may throw.
 */
export function readOptions<T>(args: string[], usage: string, parse: (args: string[]) => T | string): T | number {
  try {
    const parsed = parse(args);
    if (typeof parsed !== 'string') return parsed;
    process.stderr.write(parsed);
    return parsed === usage ? 0 : 2;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
}
