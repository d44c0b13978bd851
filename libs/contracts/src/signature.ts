// Authenticity of signals: `SignalEnvelope.signature` is an Ed25519 signature over the creditor id,
// the key id and `payload` (the exact serialized Signal bytes), behind a domain-separation prefix.
// Creditors sign at the edge (connectors); the hub verifies against the public keys the operator
// registered for the creditor. Plain node:crypto, no dependency.
//
// Two modes, both verified by the same functions: per message (one signature per envelope), and batch
// (`SignalEnvelope.batch`: one signature over the root of a Merkle tree of a batch's envelopes, each
// envelope carrying its inclusion proof; signal.proto's SignalBatchProof states the exact scheme).
// Batch mode exists because one Ed25519 verification per message caps what two cores can ingest.
import { createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/** Length of every Ed25519 signature. */
export const ED25519_SIGNATURE_BYTES = 64;

/** A key that cannot be used for signals: not PEM, not a public key, or not Ed25519. */
export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

// Exactly one SPKI block. Private keys and certificates are refused: createPublicKey would happily
// derive a public key from either, but a private key sent to the operator is a compromised key.
const PUBLIC_KEY_PEM = /^\s*-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----\s*$/;

/**
 * Parses a creditor's public key (PEM, SPKI: `-----BEGIN PUBLIC KEY-----`).
 * @throws {SigningKeyError} for anything but one Ed25519 public key.
 */
export function publicKeyFromPem(pem: string): KeyObject {
  if (!PUBLIC_KEY_PEM.test(pem)) {
    throw new SigningKeyError(
      pem.includes('PRIVATE KEY')
        ? 'this is a private key: send only the public key, and treat this one as compromised'
        : 'expected one PEM public key (-----BEGIN PUBLIC KEY-----)',
    );
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem.trim(), format: 'pem' });
  } catch (cause) {
    throw new SigningKeyError('the PEM block is not a readable public key', { cause });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError(`expected an Ed25519 key, got ${key.asymmetricKeyType ?? 'an unknown key type'}`);
  }
  return key;
}

/** The canonical PEM (SPKI) of a public key, for storing and comparing. */
export function publicKeyToPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** What a signature covers: the payload and the creditor and key it is signed for. */
export interface SignedContent {
  readonly creditorId: string;
  readonly keyId: string;
  readonly payload: Uint8Array;
}

/**
 * Separates signal signatures from anything else a creditor's key might ever sign, and versions the
 * scheme: a new scheme gets a new prefix, so no signature of one scheme verifies under another.
 */
export const SIGNATURE_DOMAIN = 'signaalhub.v1.SignalEnvelope\n';

/** Creditor ids and key ids are short registry identifiers; longer ones are never signed or verified. */
export const MAX_SIGNED_ID_BYTES = 256;

const DOMAIN_BYTES = Buffer.from(SIGNATURE_DOMAIN, 'utf8');

/**
 * The exact bytes that are signed: the domain prefix, then the creditor id and the key id each with a
 * two-byte length in front (so no id can run into the next), then the payload. Binding the creditor
 * and the key means a payload signed by one creditor can never be replayed under another creditor's
 * id or key, and a signature is never valid for the same payload in another envelope.
 * Returns null when an id is too long to be a registered one.
 */
export function signedBytes(content: SignedContent): Buffer | null {
  const creditor = Buffer.from(content.creditorId, 'utf8');
  const key = Buffer.from(content.keyId, 'utf8');
  if (creditor.length > MAX_SIGNED_ID_BYTES || key.length > MAX_SIGNED_ID_BYTES) return null;
  const lengths = Buffer.alloc(4);
  lengths.writeUInt16BE(creditor.length, 0);
  lengths.writeUInt16BE(key.length, 2);
  return Buffer.concat([DOMAIN_BYTES, lengths.subarray(0, 2), creditor, lengths.subarray(2, 4), key, content.payload]);
}

/** Signs an envelope's content (Ed25519, pure: no pre-hash) over {@link signedBytes}. */
export function signEnvelope(privateKey: KeyObject, content: SignedContent): Uint8Array {
  assertSigningKey(privateKey);
  const bytes = signedBytes(content);
  if (!bytes) throw new SigningKeyError(`creditor and key ids are at most ${MAX_SIGNED_ID_BYTES} bytes`);
  return new Uint8Array(sign(null, bytes, privateKey));
}

function assertSigningKey(privateKey: KeyObject): void {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError('signing needs an Ed25519 private key');
  }
}

// --- batch mode ---------------------------------------------------------------------------------

/**
 * Domain of batch-root signatures. It differs from {@link SIGNATURE_DOMAIN} within the first bytes
 * and neither is a prefix of the other, so no batch-root signature verifies as a per-message one and
 * no per-message signature verifies as a batch root.
 */
export const BATCH_ROOT_DOMAIN = 'signaalhub.v1.SignalBatchRoot\n';

/** SHA-256 output, the size of the root and of every sibling in a proof. */
export const MERKLE_HASH_BYTES = 32;

/**
 * Longest inclusion proof verified. leaf_count is a uint32, so no honest proof is longer; the bound
 * is checked before any hashing, so a proof stuffed with siblings costs the hub nothing.
 */
export const MAX_BATCH_PROOF_LENGTH = 32;

/** Most envelopes in one signed batch: what a uint32 leaf_count holds. */
export const MAX_BATCH_LEAVES = 0xffff_ffff;

const BATCH_ROOT_DOMAIN_BYTES = Buffer.from(BATCH_ROOT_DOMAIN, 'utf8');
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** `SignalEnvelope.batch`: the signed root of the envelope's batch and the envelope's inclusion proof. */
export interface BatchProof {
  readonly root: Uint8Array;
  readonly rootSignature: Uint8Array;
  readonly leafIndex: number;
  readonly leafCount: number;
  readonly siblings: Uint8Array[];
}

/** An envelope as verification reads it: per-message mode sets `signature`, batch mode `batch`. */
export interface SignedEnvelope extends SignedContent {
  readonly signature: Uint8Array;
  readonly batch?: BatchProof | undefined;
}

/** What signing gives each envelope, ready to spread into `encodeEnvelope`. */
export interface EnvelopeSignature {
  signature: Uint8Array;
  batch?: BatchProof;
}

/** `message`: one Ed25519 signature per envelope. `batch`: one over a Merkle root for all of them. */
export type SigningMode = 'message' | 'batch';

/**
 * Signs the contents of one produced batch, in order. Batch mode needs every content to be of the
 * same creditor and key (one root, one signature); per-message mode signs each on its own.
 * @throws {SigningKeyError} for a key that is not an Ed25519 private key, ids too long, or a batch
 * that mixes creditors or keys.
 */
export function signEnvelopes(
  privateKey: KeyObject,
  contents: readonly SignedContent[],
  options: { mode: SigningMode },
): EnvelopeSignature[] {
  if (options.mode === 'message') return contents.map((content) => ({ signature: signEnvelope(privateKey, content) }));
  return signBatch(privateKey, contents);
}

/** Batch mode of {@link signEnvelopes}: one Ed25519 signature over the Merkle root of `contents`. */
export function signBatch(privateKey: KeyObject, contents: readonly SignedContent[]): EnvelopeSignature[] {
  assertSigningKey(privateKey);
  const [first] = contents;
  if (!first) return [];
  if (contents.length > MAX_BATCH_LEAVES)
    throw new SigningKeyError(`a batch holds at most ${MAX_BATCH_LEAVES} envelopes`);
  const leaves = contents.map((content) => {
    if (content.creditorId !== first.creditorId || content.keyId !== first.keyId) {
      throw new SigningKeyError('one signed batch holds the envelopes of one creditor and one key');
    }
    const bytes = signedBytes(content);
    if (!bytes) throw new SigningKeyError(`creditor and key ids are at most ${MAX_SIGNED_ID_BYTES} bytes`);
    return leafHash(bytes);
  });
  const proofs: Uint8Array[][] = leaves.map(() => []);
  const root = merkleTree(leaves, 0, leaves.length, proofs);
  // signedBytes accepted these ids above, so rootBytes does too.
  const message = rootBytes(first, leaves.length, root)!;
  const rootSignature = new Uint8Array(sign(null, message, privateKey));
  return proofs.map((siblings, leafIndex) => ({
    signature: new Uint8Array(),
    batch: { root: new Uint8Array(root), rootSignature, leafIndex, leafCount: leaves.length, siblings },
  }));
}

function leafHash(signed: Buffer): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(signed).digest();
}

function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/**
 * The root over leaves[from, to) (RFC 9162 shape: the left subtree takes the largest power of two
 * below the count), appending to each leaf's proof the sibling at every level, leaf upwards.
 */
function merkleTree(leaves: Buffer[], from: number, to: number, proofs: Uint8Array[][]): Buffer {
  const count = to - from;
  if (count === 1) return leaves[from]!;
  let split = 1;
  while (split * 2 < count) split *= 2;
  const left = merkleTree(leaves, from, from + split, proofs);
  const right = merkleTree(leaves, from + split, to, proofs);
  for (let i = from; i < from + split; i++) proofs[i]!.push(new Uint8Array(right));
  for (let i = from + split; i < to; i++) proofs[i]!.push(new Uint8Array(left));
  return nodeHash(left, right);
}

/** The bytes a batch-root signature covers (signal.proto, SignalBatchProof); null for ids too long. */
function rootBytes(
  ids: Pick<SignedContent, 'creditorId' | 'keyId'>,
  leafCount: number,
  root: Uint8Array,
): Buffer | null {
  const creditor = Buffer.from(ids.creditorId, 'utf8');
  const key = Buffer.from(ids.keyId, 'utf8');
  if (creditor.length > MAX_SIGNED_ID_BYTES || key.length > MAX_SIGNED_ID_BYTES) return null;
  const numbers = Buffer.alloc(8);
  numbers.writeUInt16BE(creditor.length, 0);
  numbers.writeUInt16BE(key.length, 2);
  numbers.writeUInt32BE(leafCount, 4);
  return Buffer.concat([
    BATCH_ROOT_DOMAIN_BYTES,
    numbers.subarray(0, 2),
    creditor,
    numbers.subarray(2, 4),
    key,
    numbers.subarray(4, 8),
    root,
  ]);
}

/** Where a node sits in a tree: its level (leaves 0) and its index at that level, as one number. */
type NodePosition = number;
const position = (level: number, index: number): NodePosition => level * 2 ** 32 + index;

/**
 * The root that `siblings` lead to from `leaf` at `index` of `count` leaves (RFC 9162 §2.1.3.2), or
 * null when the proof does not have exactly the length index and count give. Plain arithmetic rather
 * than bit operators: counts up to 2^32 − 1 do not fit JavaScript's signed 32-bit bit operations.
 *
 * `known` holds nodes of a tree whose root signature verified. Once the node being folded equals the
 * known node at its place, and a sibling equals the known node at its place, their parent is the
 * known parent: hashing it again would give the same bytes. So after the first envelopes of a batch
 * most of a proof is compared instead of hashed. Every sibling is still compared or hashed and the
 * proof's length still checked, so a verdict never depends on what is known. The nodes hashed here
 * go to `learned`, to be added to the known ones once this root is known to be authentic.
 */
function rootFromProof(
  leaf: Buffer,
  index: number,
  count: number,
  siblings: readonly Uint8Array[],
  known?: ReadonlyMap<NodePosition, Buffer>,
  learned?: Array<[NodePosition, Buffer]>,
): Buffer | null {
  let fn = index;
  let sn = count - 1;
  let level = 0;
  let r = leaf;
  let authentic = false;
  for (const sibling of siblings) {
    if (sn === 0) return null;
    // The last node of a level without a right sibling moves up unchanged until it is a right child
    // (RFC 9162 shifts after hashing; shifting first gives the same hashes and names its place).
    if (fn % 2 === 0 && fn === sn) {
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
        level++;
      }
    }
    const right = fn % 2 === 1;
    const here = position(level, fn);
    const there = position(level, right ? fn - 1 : fn + 1);
    let parent: Buffer | undefined;
    if (known) {
      authentic ||= known.get(here)?.equals(r) === true;
      if (authentic) {
        const expected = known.get(there);
        // A node of the authentic tree next to a sibling that differs from the authentic one: no
        // proof through here reaches the root.
        if (expected && !expected.equals(sibling)) return null;
        parent = expected && known.get(position(level + 1, Math.floor(fn / 2)));
        if (!parent) authentic = false;
      }
    }
    if (!parent) {
      learned?.push([here, r], [there, Buffer.from(sibling)]);
      parent = right ? nodeHash(sibling, r) : nodeHash(r, sibling);
    }
    r = parent;
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
    level++;
  }
  if (sn !== 0) return null;
  learned?.push([position(level, fn), r]);
  return r;
}

/** Nodes kept of one verified tree: a batch of 4,096 envelopes fits whole. */
const MAX_KNOWN_NODES_PER_TREE = 8_192;

/**
 * Batch roots whose signature verified, so a batch costs one Ed25519 verification instead of one per
 * envelope. An entry is the exact public key, signed root bytes (creditor, key id, leaf count, root)
 * and signature that verified: a hit says only "these exact bytes verified before", so it never
 * changes a verdict. Only valid signatures are remembered; the least recently used one is forgotten
 * beyond `capacity`, so memory stays bounded whatever a producer sends. For the `trees` most recently
 * used roots it also keeps the tree nodes that verified envelopes proved (at most
 * 8,192 per tree), so the rest of their batch compares proofs instead of hashing them.
 */
export class VerifiedRootCache {
  private readonly entries = new Map<string, true>();
  private readonly nodes = new Map<string, Map<NodePosition, Buffer>>();
  /** Verifications under way, so envelopes of one batch checked at once share a single one. */
  readonly pending = new Map<string, Promise<boolean>>();

  constructor(
    readonly capacity = 4096,
    readonly trees = 16,
  ) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    if (!Number.isSafeInteger(trees) || trees < 0) throw new RangeError('trees must be a non-negative integer');
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    if (!this.entries.delete(key)) return false;
    this.entries.set(key, true);
    return true;
  }

  remember(key: string): void {
    this.entries.delete(key);
    this.entries.set(key, true);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value!;
      this.entries.delete(oldest);
      this.nodes.delete(oldest);
    }
  }

  /** The known nodes of a remembered root's tree, if still kept. */
  knownNodes(key: string): ReadonlyMap<NodePosition, Buffer> | undefined {
    const tree = this.nodes.get(key);
    if (tree) {
      this.nodes.delete(key);
      this.nodes.set(key, tree);
    }
    return tree;
  }

  /** Adds nodes an envelope proved; only for a root whose signature verified. */
  learn(key: string, learned: ReadonlyArray<[NodePosition, Buffer]>): void {
    if (learned.length === 0 || this.trees === 0 || !this.entries.has(key)) return;
    let tree = this.nodes.get(key);
    if (!tree) {
      tree = new Map();
      this.nodes.set(key, tree);
      if (this.nodes.size > this.trees) this.nodes.delete(this.nodes.keys().next().value!);
    }
    for (const [at, node] of learned) {
      if (tree.size >= MAX_KNOWN_NODES_PER_TREE) return;
      tree.set(at, node);
    }
  }

  clear(): void {
    this.entries.clear();
    this.nodes.clear();
  }
}

/** The cache verification uses unless it is handed another. */
export const verifiedBatchRoots = new VerifiedRootCache();

/** Options of the verify functions. */
export interface VerifyOptions {
  /** Where verified batch roots are remembered; {@link verifiedBatchRoots} by default. */
  readonly roots?: VerifiedRootCache;
}

const keyFingerprints = new WeakMap<KeyObject, string>();

function fingerprint(publicKey: KeyObject): string {
  let known = keyFingerprints.get(publicKey);
  if (known === undefined) {
    known = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    keyFingerprints.set(publicKey, known);
  }
  return known;
}

/** A batch-mode envelope that passed every check before hashing: its leaf, proof and signed root. */
interface BatchCheck {
  readonly signed: Buffer;
  readonly proof: BatchProof;
  /** The bytes the root signature covers. */
  readonly rootBytes: Buffer;
  /** Names exactly this public key, signed root and signature in the cache. */
  readonly cacheKey: string;
}

type Verifiable = { kind: 'message'; bytes: Buffer } | { kind: 'batch'; batch: BatchCheck };

/**
 * The checks before any hashing or signature verification, without throwing: the mode, field sizes,
 * proof length. Null when the envelope cannot be valid whatever its signature.
 */
function verifiable(publicKey: KeyObject, envelope: SignedEnvelope): Verifiable | null {
  if (publicKey.asymmetricKeyType !== 'ed25519') return null;
  const proof = envelope.batch;
  if (proof === undefined) {
    if (envelope.signature.byteLength !== ED25519_SIGNATURE_BYTES) return null;
    const bytes = signedBytes(envelope);
    return bytes && { kind: 'message', bytes };
  }
  // Both modes at once is ambiguous: refused rather than either one picked.
  if (envelope.signature.byteLength !== 0) return null;
  const { root, rootSignature, leafIndex, leafCount, siblings } = proof;
  if (root.byteLength !== MERKLE_HASH_BYTES || rootSignature.byteLength !== ED25519_SIGNATURE_BYTES) return null;
  if (!Number.isSafeInteger(leafCount) || leafCount < 1 || leafCount > MAX_BATCH_LEAVES) return null;
  if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= leafCount) return null;
  if (siblings.length > MAX_BATCH_PROOF_LENGTH || siblings.some((s) => s.byteLength !== MERKLE_HASH_BYTES)) return null;
  const signed = signedBytes(envelope);
  const bytes = rootBytes(envelope, leafCount, root);
  if (!signed || !bytes) return null;
  const cacheKey = `${fingerprint(publicKey)}|${bytes.toString('base64')}|${Buffer.from(rootSignature).toString('base64')}`;
  return { kind: 'batch', batch: { signed, proof, rootBytes: bytes, cacheKey } };
}

/**
 * Whether the envelope's proof leads from its leaf to its root. With `verified` (the root's signature
 * verified), the tree's known nodes spare hashing, and what this proof proved is learned.
 */
function proofHolds(check: BatchCheck, roots: VerifiedRootCache, verified: boolean): boolean {
  const { proof, cacheKey } = check;
  const learned: Array<[NodePosition, Buffer]> = [];
  const known = verified ? roots.knownNodes(cacheKey) : undefined;
  const folded = rootFromProof(
    leafHash(check.signed),
    proof.leafIndex,
    proof.leafCount,
    proof.siblings,
    known,
    learned,
  );
  if (!folded || !folded.equals(proof.root)) return false;
  if (verified) roots.learn(cacheKey, learned);
  return true;
}

function verifySync(publicKey: KeyObject, bytes: Buffer, signature: Uint8Array): boolean {
  try {
    return verify(null, bytes, publicKey, signature);
  } catch {
    return false;
  }
}

function verifyOnPool(publicKey: KeyObject, bytes: Buffer, signature: Uint8Array): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      verify(null, bytes, publicKey, signature, (error, valid) => resolve(!error && valid));
    } catch {
      resolve(false);
    }
  });
}

/**
 * True only when the envelope is signed by this key over exactly this creditor, key id and payload:
 * per message, or (batch mode) by a valid inclusion proof up to a root this key signed.
 * Never throws: an empty, short or garbage signature, a bad proof, or a key of another type is
 * simply not valid.
 */
export function verifyEnvelope(publicKey: KeyObject, envelope: SignedEnvelope, options: VerifyOptions = {}): boolean {
  const checked = verifiable(publicKey, envelope);
  if (!checked) return false;
  if (checked.kind === 'message') return verifySync(publicKey, checked.bytes, envelope.signature);
  const roots = options.roots ?? verifiedBatchRoots;
  const { batch } = checked;
  if (roots.has(batch.cacheKey)) return proofHolds(batch, roots, true);
  // The proof first: a broken one costs no Ed25519 verification.
  if (!proofHolds(batch, roots, false)) return false;
  if (!verifySync(publicKey, batch.rootBytes, batch.proof.rootSignature)) return false;
  roots.remember(batch.cacheKey);
  return proofHolds(batch, roots, true);
}

/**
 * {@link verifyEnvelope} on libuv's thread pool instead of the event loop: a batch of verifications
 * in flight at once runs on several cores while the event loop goes on. Envelopes of one signed batch
 * in flight together share one verification of their root, and their proofs are checked once it is
 * known, so they can share the nodes they prove. Never rejects.
 */
export function verifyEnvelopeAsync(
  publicKey: KeyObject,
  envelope: SignedEnvelope,
  options: VerifyOptions = {},
): Promise<boolean> {
  const checked = verifiable(publicKey, envelope);
  if (!checked) return Promise.resolve(false);
  if (checked.kind === 'message') return verifyOnPool(publicKey, checked.bytes, envelope.signature);
  const roots = options.roots ?? verifiedBatchRoots;
  const { batch } = checked;
  const { cacheKey } = batch;
  if (roots.has(cacheKey)) return Promise.resolve(proofHolds(batch, roots, true));
  let verdict = roots.pending.get(cacheKey);
  if (!verdict) {
    verdict = verifyOnPool(publicKey, batch.rootBytes, batch.proof.rootSignature).then((valid) => {
      roots.pending.delete(cacheKey);
      if (valid) roots.remember(cacheKey);
      return valid;
    });
    roots.pending.set(cacheKey, verdict);
  }
  return verdict.then((valid) => valid && proofHolds(batch, roots, true));
}

/** A fresh key pair: the private key stays with the signer, the PEM goes to the hub operator. */
export function generateSigningKeyPair(): { privateKey: KeyObject; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKeyPem: publicKeyToPem(publicKey) };
}
