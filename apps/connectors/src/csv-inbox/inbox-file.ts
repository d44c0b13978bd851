import { createHash, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { SignalInit } from '@signaalhub/contracts';
import type { OutgoingMessage, Producer } from '@signaalhub/kafka';
import { signedBatchRecords } from '../signing/signed-records.js';
import { writeDurably } from '../state/durable-file.js';
import { CsvFileError, evaluateRow, readCsvFile, type CsvFile, type RowResult } from './csv-file.js';

/** Who signs a creditor's rows: its key id as registered at the hub and its Ed25519 private key. */
export interface InboxSigner {
  keyId: string;
  privateKey: KeyObject;
}

export interface InboxFileDeps {
  producer: Pick<Producer, 'send'>;
  topic: string;
  signer: (creditorId: string) => InboxSigner;
  /** Rows per produce request, and how often progress is recorded. */
  chunkRows: number;
  /** Larger files go to `failed/` unread: the whole file is held in memory while it is processed. */
  maxBytes: number;
  /** Called after Kafka acknowledged a chunk and before that progress is recorded (tests crash here). */
  afterSend?: (rowsDone: number) => void;
}

export type InboxOutcome =
  | { kind: 'processed'; sha256: string; accepted: number; rejected: number; sent: number }
  | { kind: 'failed'; sha256: string; reason: string }
  | { kind: 'duplicate'; sha256: string };

/** The subfolders of a creditor's inbox. The state folder is the connector's, not the creditor's. */
export const INBOX_FOLDERS = { processed: 'processed', failed: 'failed', state: '.state' } as const;

/**
 * Processes one dropped file of a creditor's inbox, exactly once per content (SHA-256):
 *
 * 1. a content already processed moves to `failed/` as a duplicate, sending nothing;
 * 2. a file that is no readable CSV of a known layout moves to `failed/` with a `.reason.txt`;
 * 3. otherwise every row is mapped and validated, and the accepted ones are signed and produced in
 *    chunks; after each acknowledged chunk the number of rows done is written durably to the state
 *    folder, and a restart continues after it. A crash between the acknowledgement and that write
 *    sends the chunk again: the same row gives the same bytes (deterministic protobuf, deterministic
 *    Ed25519, no send time in the payload), and the hub stores a payload once, so the row is stored
 *    exactly once (README "CSV batch ingress");
 * 4. the report (`<file>.report.csv`) and the file go to `processed/`, then the content is marked done.
 */
export async function processInboxFile(
  creditorDir: string,
  creditorId: string,
  fileName: string,
  deps: InboxFileDeps,
): Promise<InboxOutcome> {
  const state = join(creditorDir, INBOX_FOLDERS.state);
  mkdirSync(state, { recursive: true, mode: 0o700 });
  const path = join(creditorDir, fileName);
  const size = statSync(path).size;
  if (size > deps.maxBytes) {
    const reason = `the file has ${size} bytes, more than the ${deps.maxBytes} allowed (CSV_MAX_FILE_BYTES)`;
    moveToFailed(creditorDir, fileName, '', reason);
    return { kind: 'failed', sha256: '', reason };
  }
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const doneMarker = join(state, `${sha256}.done`);
  const progressFile = join(state, `${sha256}.progress`);

  if (existsSync(doneMarker)) {
    const earlier = readFileSync(doneMarker, 'utf8').trim();
    moveToFailed(
      creditorDir,
      fileName,
      sha256,
      `already processed: the same content (SHA-256 ${sha256}) is ${earlier}`,
    );
    return { kind: 'duplicate', sha256 };
  }

  let file: CsvFile;
  try {
    file = readCsvFile(bytes);
  } catch (error) {
    if (!(error instanceof CsvFileError)) throw error;
    moveToFailed(creditorDir, fileName, sha256, error.message);
    return { kind: 'failed', sha256, reason: error.message };
  }

  // Validation is pure, so after a restart the rows before the recorded position give the same
  // verdicts again, and the report covers the whole file without storing per-row state.
  const results = file.rows.map((cells) => evaluateRow(file, cells));
  const signer = deps.signer(creditorId);
  let done = existsSync(progressFile) ? Number(readFileSync(progressFile, 'utf8')) : 0;
  if (!Number.isSafeInteger(done) || done < 0) done = 0;
  let sent = 0;
  while (done < results.length) {
    const end = Math.min(done + deps.chunkRows, results.length);
    // Each produced chunk is one signed batch: one Ed25519 signature for all its rows.
    const signals = results.slice(done, end).flatMap((r) => (r.ok ? [r.signal] : []));
    const records = signedBatchRecords(creditorId, signer, signals);
    if (records.length > 0) await deps.producer.send(deps.topic, records);
    sent += records.length;
    deps.afterSend?.(end);
    writeDurably(progressFile, String(end));
    done = end;
  }

  const processedDir = join(creditorDir, INBOX_FOLDERS.processed);
  mkdirSync(processedDir, { recursive: true });
  const target = freeName(processedDir, fileName, sha256);
  writeDurably(join(processedDir, `${target}.report.csv`), report(file, results));
  renameSync(path, join(processedDir, target));
  writeDurably(doneMarker, `${INBOX_FOLDERS.processed}/${target}\n`);
  rmSync(progressFile, { force: true });
  const accepted = results.filter((r) => r.ok).length;
  return { kind: 'processed', sha256, accepted, rejected: results.length - accepted, sent };
}

/** The Kafka record of one row on its own: a signed batch of one, as the inbox signs its chunks. */
export function signedRecord(creditorId: string, signer: InboxSigner, signal: SignalInit): OutgoingMessage {
  return signedBatchRecords(creditorId, signer, [signal])[0]!;
}

function moveToFailed(creditorDir: string, fileName: string, sha256: string, reason: string): void {
  const failedDir = join(creditorDir, INBOX_FOLDERS.failed);
  mkdirSync(failedDir, { recursive: true });
  const target = freeName(failedDir, fileName, sha256);
  writeDurably(join(failedDir, `${target}.reason.txt`), `${reason}\n`);
  renameSync(join(creditorDir, fileName), join(failedDir, target));
}

/** The file's own name, or with part of its checksum when a file of that name is already there. */
function freeName(dir: string, fileName: string, sha256: string): string {
  if (!existsSync(join(dir, fileName))) return fileName;
  const ext = extname(fileName);
  const tag = sha256.slice(0, 12) || Date.now().toString(36);
  return `${fileName.slice(0, fileName.length - ext.length)}.${tag}${ext}`;
}

/** `row;result;creditorSignalRef;reason`, in the file's own separator; reasons never hold cell values. */
function report(file: CsvFile, results: readonly RowResult[]): string {
  const d = file.delimiter;
  const cell = (value: string) => (/[";,\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = results.map((r, i) =>
    r.ok
      ? [String(i + 1), 'accepted', cell(String(r.signal.creditorSignalRef)), ''].join(d)
      : [String(i + 1), 'rejected', '', cell(r.reason)].join(d),
  );
  return `${['row', 'result', 'creditorSignalRef', 'reason'].join(d)}\r\n${lines.map((l) => `${l}\r\n`).join('')}`;
}
