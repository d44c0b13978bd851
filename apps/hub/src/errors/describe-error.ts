/** An error as codes and names only: database messages can quote the values they refused. */
export function describeError(error: unknown): string {
  const e = error as { name?: unknown; code?: unknown; constraint?: unknown } | null;
  const parts = [typeof e?.name === 'string' ? e.name : 'Error'];
  if (typeof e?.code === 'string') parts.push(`SQLSTATE ${e.code}`);
  if (typeof e?.constraint === 'string') parts.push(`constraint ${e.constraint}`);
  return parts.join(', ');
}
