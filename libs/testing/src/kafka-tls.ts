// Certificates for a test broker's TLS listener, made at test time with the JDK's keytool (the JDK
// is already needed for Kafka), so no key material is committed and none outlives the test run.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface KafkaTlsMaterial {
  /** PEM CA certificate, for the client to verify the broker with. */
  caPemFile: string;
  /** PKCS12 keystore with the broker's key and its CA-signed certificate (SAN 127.0.0.1, localhost). */
  keystoreFile: string;
  /** PKCS12 truststore with the CA. */
  truststoreFile: string;
  /** Password of both stores. */
  storePassword: string;
}

/** A fresh CA and a broker certificate it signed, for 127.0.0.1, in `dir`. */
export function createKafkaTlsMaterial(dir: string): KafkaTlsMaterial {
  mkdirSync(dir, { recursive: true });
  const keytool = findKeytool();
  const storePassword = randomBytes(12).toString('hex');
  const caStore = join(dir, 'ca.p12');
  const keystoreFile = join(dir, 'broker.p12');
  const truststoreFile = join(dir, 'truststore.p12');
  const caPemFile = join(dir, 'ca.pem');
  const csr = join(dir, 'broker.csr');
  const brokerCert = join(dir, 'broker.pem');
  const store = (file: string) => ['-keystore', file, '-storetype', 'PKCS12', '-storepass', storePassword];
  // EC keys: generated in milliseconds, where RSA would cost each test run seconds of CPU.
  const key = ['-keyalg', 'EC', '-groupname', 'secp256r1', '-validity', '2'];

  run(keytool, [
    '-genkeypair',
    '-alias',
    'ca',
    '-dname',
    'CN=Signaalhub test CA',
    ...key,
    '-ext',
    'bc:c',
    ...store(caStore),
  ]);
  run(keytool, ['-exportcert', '-rfc', '-alias', 'ca', '-file', caPemFile, ...store(caStore)]);
  run(keytool, ['-genkeypair', '-alias', 'broker', '-dname', 'CN=127.0.0.1', ...key, ...store(keystoreFile)]);
  run(keytool, ['-certreq', '-alias', 'broker', '-file', csr, ...store(keystoreFile)]);
  run(keytool, [
    '-gencert',
    '-alias',
    'ca',
    '-infile',
    csr,
    '-outfile',
    brokerCert,
    '-rfc',
    '-validity',
    '2',
    '-ext',
    'SAN=IP:127.0.0.1,DNS:localhost',
    '-ext',
    'EKU=serverAuth',
    ...store(caStore),
  ]);
  // The chain goes in the broker's keystore: the CA first, so the signed reply can be linked to it.
  run(keytool, ['-importcert', '-noprompt', '-alias', 'ca', '-file', caPemFile, ...store(keystoreFile)]);
  run(keytool, ['-importcert', '-noprompt', '-alias', 'broker', '-file', brokerCert, ...store(keystoreFile)]);
  run(keytool, ['-importcert', '-noprompt', '-alias', 'ca', '-file', caPemFile, ...store(truststoreFile)]);
  if (!readFileSync(caPemFile, 'utf8').includes('BEGIN CERTIFICATE')) {
    throw new Error(`keytool did not write a PEM CA certificate to ${caPemFile}`);
  }
  return { caPemFile, keystoreFile, truststoreFile, storePassword };
}

function findKeytool(): string {
  const javaHome = process.env['JAVA_HOME'];
  if (javaHome && existsSync(join(javaHome, 'bin/keytool'))) return join(javaHome, 'bin/keytool');
  // Beside the java on PATH (Debian links /usr/bin/java through alternatives to the JDK's bin/).
  const java = spawnSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' }).stdout.trim();
  if (java) {
    const beside = join(dirname(realpathSync(java)), 'keytool');
    if (existsSync(beside)) return beside;
  }
  return 'keytool';
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : `exit ${result.status}: ${result.stderr || result.stdout}`;
    throw new Error(`keytool ${args[0]} failed (${why})`);
  }
}
