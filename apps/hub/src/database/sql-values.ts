/** The wire's '' for "not given" is NULL in the database. */
export function orNull(value: string): string | null {
  return value === '' ? null : value;
}
