import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { processInboxFile, type InboxFileDeps, type InboxOutcome } from './inbox-file.js';

const CREDITOR_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** A drop is complete when this marker (`<file>.done`) exists, or when its size stayed the same for one scan. */
export const DONE_MARKER_SUFFIX = '.done';

export interface ScanReport {
  creditorId: string;
  /** The file's name is the creditor's choice and may name a person, so logs use the checksum. */
  fileName: string;
  outcome?: InboxOutcome;
  error?: Error;
}

/**
 * Polls `<root>/<creditorId>/` for dropped `*.csv` files. Polling rather than file-system events:
 * an SFTP upload shows up as a growing file, events are unreliable on network mounts, and a scan
 * after a restart finds whatever arrived meanwhile. A file is taken when a `<file>.done` marker
 * exists or, without one, when its size and modification time did not change since the previous
 * scan. One scanner per inbox: files are handled one at a time, in name order.
 */
export class InboxScanner {
  private readonly lastSeen = new Map<string, string>();

  constructor(
    private readonly root: string,
    private readonly deps: InboxFileDeps,
  ) {}

  async scanOnce(): Promise<ScanReport[]> {
    const reports: ScanReport[] = [];
    if (!existsSync(this.root)) return reports;
    for (const creditor of readdirSync(this.root, { withFileTypes: true })) {
      if (!creditor.isDirectory() || !CREDITOR_ID.test(creditor.name)) continue;
      const dir = join(this.root, creditor.name);
      for (const fileName of this.readyFiles(dir)) {
        const report: ScanReport = { creditorId: creditor.name, fileName };
        try {
          report.outcome = await processInboxFile(dir, creditor.name, fileName, this.deps);
          rmSync(join(dir, fileName + DONE_MARKER_SUFFIX), { force: true });
        } catch (error) {
          // Left in place with its recorded progress: the next scan continues where this one stopped.
          report.error = error as Error;
        }
        this.lastSeen.delete(join(dir, fileName));
        reports.push(report);
      }
    }
    return reports;
  }

  private readyFiles(dir: string): string[] {
    const names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.startsWith('.') && e.name.toLowerCase().endsWith('.csv'))
      .map((e) => e.name)
      .sort();
    return names.filter((name) => {
      const path = join(dir, name);
      if (existsSync(path + DONE_MARKER_SUFFIX)) return true;
      const stat = statSync(path);
      const seen = `${stat.size}:${stat.mtimeMs}`;
      const stable = this.lastSeen.get(path) === seen;
      this.lastSeen.set(path, seen);
      return stable;
    });
  }
}
