import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { generateSigningKeyPair } from '@signaalhub/contracts';
import { CreditorSigningKeys, NoSigningKeyError } from './creditor-signing-keys.js';

const pem = () => generateSigningKeyPair().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('the creditors’ signing keys at the edge', () => {
  it('signs with the newest of several key ids, so a key rotates by adding a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    mkdirSync(join(dir, 'cred-a'));
    writeFileSync(join(dir, 'cred-a', 'k-2026.pem'), pem());
    const keys = new CreditorSigningKeys(dir);
    expect(keys.active('cred-a').keyId).toBe('k-2026');
    writeFileSync(join(dir, 'cred-a', 'k-2027.pem'), pem());
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'cred-a', 'k-2027.pem'), later, later);
    expect(keys.active('cred-a').keyId).toBe('k-2027');
    expect(keys.keyIds('cred-a')).toEqual(['k-2027', 'k-2026']);
    // Mounted secrets often share one modification time: the highest key id then signs.
    utimesSync(join(dir, 'cred-a', 'k-2026.pem'), later, later);
    expect(keys.active('cred-a').keyId).toBe('k-2027');
  });

  it('only reads: a creditor without a key is an error, and nothing is created for it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    const keys = new CreditorSigningKeys(dir);
    expect(() => keys.active('cred-b')).toThrow(NoSigningKeyError);
    expect(keys.keyIds('cred-b')).toEqual([]);
    expect(() => keys.active('../etc')).toThrow(NoSigningKeyError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a file that is no Ed25519 private key, without quoting it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    mkdirSync(join(dir, 'cred-c'));
    const secretLooking = 'not-a-key-but-secret-material';
    writeFileSync(join(dir, 'cred-c', 'k1.pem'), secretLooking);
    const keys = new CreditorSigningKeys(dir);
    expect(() => keys.active('cred-c')).toThrow(NoSigningKeyError);
    expect(() => keys.active('cred-c')).not.toThrow(new RegExp(secretLooking));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    writeFileSync(join(dir, 'cred-c', 'k1.pem'), rsa.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => keys.active('cred-c')).toThrow(/not an Ed25519 key/);
  });
});
