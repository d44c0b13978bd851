import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

/**
 * Writes a file so that a crash leaves either the old or the new content, never a torn one: to a
 * temporary name, flushed to disk, then renamed over the target. The connectors keep their edge
 * state this way (CSV inbox progress and markers, webhook delivery journals).
 */
export function writeDurably(file: string, content: string): void {
  const temp = `${file}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}
