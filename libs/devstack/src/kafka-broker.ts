// A local single-node Kafka broker (KRaft, broker and controller in one JVM) started from the
// Maven Central jars that tools/kafka/pom.xml pins. Shared by the integration-test global setup
// and `npm run kafka:start`, so both run the same broker the same way without Docker.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEFAULT_POM = join(REPO_ROOT, 'tools/kafka/pom.xml');
const DEFAULT_JAR_CACHE = join(REPO_ROOT, '.cache/kafka-jars');

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 20_000;

export interface KafkaBrokerOptions {
  /** Holds server.properties, the pid file, the broker's logs and (under logs/) its data. */
  dataDir: string;
  port: number;
  controllerPort: number;
  /** Where the Maven-resolved jars live; defaults to <repo>/.cache/kafka-jars. */
  jarCacheDir?: string;
  timeoutMs?: number;
  log?: (message: string) => void;
  /**
   * An extra SASL_SSL listener (SCRAM-SHA-512) beside the plaintext one, for the test of the
   * secured client. The SCRAM users are written into the metadata log when the storage is
   * formatted, so they exist before the broker accepts a connection.
   */
  saslSsl?: SaslSslListener;
}

export interface SaslSslListener {
  port: number;
  /** PKCS12 keystore with the broker's key and certificate (see kafka-tls.ts). */
  keystoreFile: string;
  truststoreFile: string;
  storePassword: string;
  scramUsers: Array<{ username: string; password: string }>;
}

export interface KafkaBroker {
  brokers: string;
  pid: number;
  /** True when an already running broker from the same data dir was adopted. */
  reused: boolean;
}

export interface KafkaBrokerStatus {
  pid: number | undefined;
  running: boolean;
  brokers: string | undefined;
}

const files = (dataDir: string) => ({
  props: join(dataDir, 'server.properties'),
  log4j: join(dataDir, 'log4j.properties'),
  pid: join(dataDir, 'kafka.pid'),
  // The JVM's own stdout/stderr: only crashes and early start-up errors land here, the broker
  // logs through log4j into server.log.
  out: join(dataDir, 'kafka.out'),
  serverLog: join(dataDir, 'server.log'),
  logDirs: join(dataDir, 'logs'),
});

/**
 * Copies Kafka and its runtime dependencies into `<cacheDir>/libs` with Maven, unless an earlier
 * run already did so for the same pom. Returns the libs directory.
 */
export async function ensureKafkaJars(
  cacheDir: string = DEFAULT_JAR_CACHE,
  options: { pomPath?: string; log?: (message: string) => void } = {},
): Promise<string> {
  const pomPath = options.pomPath ?? DEFAULT_POM;
  const libsDir = join(cacheDir, 'libs');
  const marker = join(libsDir, '.complete');
  // The marker records the pom's hash: after a version bump the old jars must go, otherwise two
  // Kafka versions would end up on one wildcard classpath.
  const pomHash = createHash('sha256').update(readFileSync(pomPath)).digest('hex');
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === pomHash) return libsDir;

  requireCommand('mvn', ['-v'], 'Maven (mvn) is needed to download the Kafka jars from Maven Central');
  requireJava();
  options.log?.(`Resolving Kafka jars with Maven into ${libsDir} (first run only)…`);
  // Resolve into a private staging folder and swap it in at the end: a broker that is already
  // running from the old folder keeps its opened jars, a concurrent resolver never sees a
  // half-copied folder, and an interrupted run leaves nothing that looks complete.
  const unique = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = `${libsDir}.tmp-${unique}`;
  const retired = `${libsDir}.old-${unique}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const result = await run('mvn', [
    '-q',
    '-B',
    '-f',
    pomPath,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${staging}`,
  ]);
  if (result.code !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`Maven could not resolve the Kafka jars (exit ${result.code}):\n${tail(result.output, 40)}`);
  }
  writeFileSync(join(staging, '.complete'), `${pomHash}\n`);
  if (existsSync(libsDir)) renameSync(libsDir, retired);
  try {
    renameSync(staging, libsDir);
  } catch (error) {
    // Another process swapped its (identical) result in first; use that one.
    if (!['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
  rmSync(staging, { recursive: true, force: true });
  rmSync(retired, { recursive: true, force: true });
  return libsDir;
}

/**
 * Starts the broker detached (it outlives the calling process) and resolves once it answers a
 * DescribeCluster request. Reuses a broker already running from the same data dir.
 */
export async function startKafkaBroker(options: KafkaBrokerOptions): Promise<KafkaBroker> {
  const timeoutMs = options.timeoutMs ?? READY_TIMEOUT_MS;
  // Serialises starts on one data dir (say the test global setup and `kafka:start` at once): two
  // racing starts would both find no pid file, both format and spawn, and orphan one JVM.
  return withStartLock(options.dataDir, Date.now() + timeoutMs * 2, () => startLocked(options, timeoutMs));
}

async function startLocked(options: KafkaBrokerOptions, timeoutMs: number): Promise<KafkaBroker> {
  const { dataDir, port, controllerPort } = options;
  const brokers = `${HOST}:${port}`;
  const f = files(dataDir);

  const existing = readPid(dataDir);
  if (existing !== undefined && isBrokerProcess(existing)) {
    const runningPort = configuredPort(f.props);
    if (runningPort !== undefined && runningPort !== port) {
      throw new Error(
        `A Kafka broker from ${dataDir} is already running on port ${runningPort} (pid ${existing}); stop it first to use port ${port}.`,
      );
    }
    // It may still be starting or recovering its logs (e.g. after an earlier start gave up
    // waiting), so wait for it rather than race it with a second JVM on the same ports and data.
    await waitUntilReady(brokers, existing, Date.now() + timeoutMs, f);
    return { brokers, pid: existing, reused: true };
  }
  rmSync(f.pid, { force: true });

  const libsDir = await ensureKafkaJars(options.jarCacheDir ?? DEFAULT_JAR_CACHE, { log: options.log });
  const java = requireJava();
  // Without a pid file the ports must be free; otherwise a foreign broker on the port would
  // answer the readiness probe and be mistaken for ours.
  await assertPortFree(port, 'Kafka');
  await assertPortFree(controllerPort, 'Kafka controller');

  mkdirSync(dataDir, { recursive: true });
  if (options.saslSsl) await assertPortFree(options.saslSsl.port, 'Kafka SASL_SSL');
  writeFileSync(f.props, serverProperties(dataDir, port, controllerPort, options.saslSsl));
  writeFileSync(f.log4j, log4jProperties(f.serverLog));
  const jvmBase = ['-cp', join(libsDir, '*'), `-Dlog4j.configuration=file:${f.log4j}`, '-Djava.awt.headless=true'];

  if (!existsSync(join(f.logDirs, 'meta.properties'))) {
    options.log?.(`Formatting Kafka storage in ${f.logDirs}…`);
    // A cluster id is 16 random bytes in URL-safe base64, the same as `kafka-storage random-uuid`
    // prints, without paying for an extra JVM start. Passed as `--cluster-id=…`: an id may start
    // with '-', which the tool's argument parser would otherwise read as an option.
    const clusterId = randomBytes(16).toString('base64url');
    const format = await run(java, [
      ...jvmBase,
      'kafka.tools.StorageTool',
      'format',
      `--cluster-id=${clusterId}`,
      '-c',
      f.props,
      '--ignore-formatted',
      ...scramArguments(options.saslSsl),
    ]);
    if (format.code !== 0) {
      throw new Error(`Formatting Kafka storage failed (exit ${format.code}):\n${tail(format.output, 40)}`);
    }
  }

  const out = openSync(f.out, 'a');
  const child = spawn(java, ['-Xmx512m', ...jvmBase, 'kafka.Kafka', f.props], {
    // Own process group, so stop can signal the whole JVM tree and the CLI may exit meanwhile.
    detached: true,
    stdio: ['ignore', out, out],
    cwd: dataDir,
  });
  closeSync(out);
  // A spawn failure arrives as an 'error' event, which would crash the caller if unhandled; the
  // missing pid below reports it instead.
  child.once('error', () => undefined);
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error(`Could not start java (${java}); see ${f.out}`);
  }
  child.unref();
  writeFileSync(f.pid, `${pid}\n`);

  try {
    await waitUntilReady(brokers, pid, Date.now() + timeoutMs, f);
  } catch (error) {
    await stopKafkaBroker(dataDir);
    throw error;
  }
  return { brokers, pid, reused: false };
}

/** Stops the broker of this data dir (SIGTERM, SIGKILL after a grace period). No-op if none runs. */
export async function stopKafkaBroker(dataDir: string, graceMs: number = STOP_GRACE_MS): Promise<boolean> {
  const pidFile = files(dataDir).pid;
  const pid = readPid(dataDir);
  if (pid === undefined || !isBrokerProcess(pid)) {
    rmSync(pidFile, { force: true });
    return false;
  }
  signalGroup(pid, 'SIGTERM');
  // SIGTERM triggers Kafka's controlled shutdown, which flushes logs and writes clean-shutdown
  // markers so the next start skips log recovery; give it time before forcing.
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) {
    signalGroup(pid, 'SIGKILL');
    const killDeadline = Date.now() + 5_000;
    while (isAlive(pid) && Date.now() < killDeadline) await sleep(100);
  }
  rmSync(pidFile, { force: true });
  return true;
}

/** One quick DescribeCluster round trip; true when a broker answers. */
export async function isKafkaUp(brokers: string | string[]): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'signaalhub-kafka-probe',
    brokers: Array.isArray(brokers) ? brokers : brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 2_000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** What the pid file says and whether that broker answers; for `kafka status`. */
export async function kafkaBrokerStatus(dataDir: string): Promise<KafkaBrokerStatus> {
  const pid = readPid(dataDir);
  if (pid === undefined || !isBrokerProcess(pid)) return { pid: undefined, running: false, brokers: undefined };
  const port = configuredPort(files(dataDir).props);
  const brokers = port === undefined ? undefined : `${HOST}:${port}`;
  return { pid, running: brokers !== undefined && (await isKafkaUp(brokers)), brokers };
}

/** StorageTool `--add-scram` arguments: SCRAM-SHA-512 credentials in the metadata log (KRaft). */
function scramArguments(saslSsl: SaslSslListener | undefined): string[] {
  return (saslSsl?.scramUsers ?? []).flatMap(({ username, password }) => {
    // The tool parses `[name=…,password=…]` itself; a comma or bracket would change its meaning.
    if (!/^[\w.-]+$/.test(username) || !/^[\w.-]+$/.test(password)) {
      throw new Error('SCRAM test users need names and passwords of letters, digits, ".", "_" or "-"');
    }
    return ['--add-scram', `SCRAM-SHA-512=[name=${username},password=${password}]`];
  });
}

function saslSslProperties(saslSsl: SaslSslListener): string[] {
  const prefix = 'listener.name.sasl_ssl';
  return [
    'sasl.enabled.mechanisms=SCRAM-SHA-512',
    `${prefix}.sasl.enabled.mechanisms=SCRAM-SHA-512`,
    `${prefix}.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;`,
    `${prefix}.ssl.keystore.type=PKCS12`,
    `${prefix}.ssl.keystore.location=${saslSsl.keystoreFile}`,
    `${prefix}.ssl.keystore.password=${saslSsl.storePassword}`,
    `${prefix}.ssl.truststore.type=PKCS12`,
    `${prefix}.ssl.truststore.location=${saslSsl.truststoreFile}`,
    `${prefix}.ssl.truststore.password=${saslSsl.storePassword}`,
    `${prefix}.ssl.client.auth=none`,
  ];
}

function serverProperties(dataDir: string, port: number, controllerPort: number, saslSsl?: SaslSslListener): string {
  // The SASL_SSL listener goes last: configuredPort reads the plaintext port from `listeners=`.
  const extra = saslSsl ? `,SASL_SSL://${HOST}:${saslSsl.port}` : '';
  const lines = [
    '# Written by libs/devstack/src/kafka-broker.ts on every start; edits are overwritten.',
    'process.roles=broker,controller',
    'node.id=1',
    // Static voters rather than controller.quorum.bootstrap.servers + `format --standalone`:
    // a dynamic quorum stores the controller endpoint in the metadata log, so a later start on
    // another controller port would not find its own quorum.
    `controller.quorum.voters=1@${HOST}:${controllerPort}`,
    `listeners=PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}${extra}`,
    `advertised.listeners=PLAINTEXT://${HOST}:${port}${extra}`,
    `listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT${saslSsl ? ',SASL_SSL:SASL_SSL' : ''}`,
    ...(saslSsl ? saslSslProperties(saslSsl) : []),
    'inter.broker.listener.name=PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    `log.dirs=${join(dataDir, 'logs')}`,
    // A single node cannot meet the default replication factor of 3 for internal topics.
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'num.partitions=4',
    'auto.create.topics.enable=true',
    // Tests join consumer groups constantly; the default 3 s delay would add up.
    'group.initial.rebalance.delay.ms=0',
  ];
  return `${lines.join('\n')}\n`;
}

function log4jProperties(serverLog: string): string {
  // Everything goes to a size-capped file; the console (kafka.out) stays quiet.
  const lines = [
    'log4j.rootLogger=INFO, file',
    'log4j.appender.file=org.apache.log4j.RollingFileAppender',
    `log4j.appender.file.File=${serverLog}`,
    'log4j.appender.file.MaxFileSize=10MB',
    'log4j.appender.file.MaxBackupIndex=2',
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    // Per-request and per-partition state logging is the bulk of Kafka's output and rarely useful locally.
    'log4j.logger.kafka.request.logger=WARN',
    'log4j.logger.state.change.logger=WARN',
    'log4j.logger.kafka.log.LogCleaner=WARN',
    'log4j.logger.org.apache.kafka.storage.internals.log=WARN',
  ];
  return `${lines.join('\n')}\n`;
}

async function withStartLock<T>(dataDir: string, deadline: number, fn: () => Promise<T>): Promise<T> {
  mkdirSync(dataDir, { recursive: true });
  const lock = join(dataDir, 'start.lock');
  for (;;) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readIfExists(lock) ?? '', 10);
      // A lock left behind by a killed starter must not block every later start.
      if (!Number.isInteger(holder) || holder <= 0 || !isAlive(holder)) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`Another process (pid ${holder}) is still starting Kafka in ${dataDir}.`, {
          cause: error,
        });
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

async function waitUntilReady(
  brokers: string,
  pid: number,
  deadline: number,
  f: ReturnType<typeof files>,
): Promise<void> {
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      throw new Error(`Kafka (pid ${pid}) exited during start-up.\n${startupDiagnostics(f)}`);
    }
    if (await isKafkaUp(brokers)) return;
    await sleep(500);
  }
  throw new Error(`Kafka did not answer on ${brokers} in time.\n${startupDiagnostics(f)}`);
}

function startupDiagnostics(f: ReturnType<typeof files>): string {
  const parts = [];
  for (const file of [f.out, f.serverLog]) {
    const text = readTail(file, 8_000);
    if (text.trim()) parts.push(`--- ${file} (tail) ---\n${tail(text, 30)}`);
  }
  return parts.join('\n') || `No output; see ${f.out} and ${f.serverLog}.`;
}

function readPid(dataDir: string): number | undefined {
  const pidFile = files(dataDir).pid;
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function configuredPort(propsFile: string): number | undefined {
  if (!existsSync(propsFile)) return undefined;
  const match = /^listeners=.*PLAINTEXT:\/\/[^:,]+:(\d+)/m.exec(readFileSync(propsFile, 'utf8'));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM means it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A child of this very process that has exited but not been reaped yet still accepts signal 0.
  const stat = readIfExists(`/proc/${pid}/stat`);
  return stat === undefined || !/^\d+ \(.*\) Z/.test(stat);
}

/** Guards against a stale pid file whose pid the OS has since given to an unrelated process. */
function isBrokerProcess(pid: number): boolean {
  if (!isAlive(pid)) return false;
  const cmdline = readIfExists(`/proc/${pid}/cmdline`);
  // No /proc (macOS): trust the liveness check.
  return cmdline === undefined || cmdline.includes('kafka.Kafka');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Group already gone, or the pid was not a group leader after all; fall back to the process.
    try {
      process.kill(pid, signal);
    } catch {
      /* already exited */
    }
  }
}

function assertPortFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`${what} port ${HOST}:${port} is already in use by another process.`)
          : error,
      );
    });
    server.listen(port, HOST, () => server.close(() => resolve()));
  });
}

function requireJava(): string {
  const javaHome = process.env['JAVA_HOME'];
  const java = javaHome && existsSync(join(javaHome, 'bin/java')) ? join(javaHome, 'bin/java') : 'java';
  const output = requireCommand(java, ['-version'], 'A Java runtime (17 or newer) is needed to run Kafka');
  const major = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (major?.[1] !== undefined) {
    // Java 8 reports itself as "1.8".
    const version = major[1] === '1' ? Number(major[2]) : Number(major[1]);
    if (version < 11)
      throw new Error(`Kafka 3.9 needs Java 11 or newer (17 recommended); found: ${output.split('\n')[0]}`);
  }
  return java;
}

/** Runs `command args` once to prove it exists; returns its combined output. */
function requireCommand(command: string, args: string[], why: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(`${why}, but \`${command}\` ${missing ? 'is not on PATH' : `failed: ${result.error.message}`}.`);
  }
  if (result.status !== 0) {
    throw new Error(`${why}, but \`${command} ${args.join(' ')}\` exited with ${result.status}:\n${result.stderr}`);
  }
  return `${result.stdout}${result.stderr}`;
}

function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function readTail(path: string, bytes: number): string {
  if (!existsSync(path)) return '';
  const size = statSync(path).size;
  const length = Math.min(size, bytes);
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
