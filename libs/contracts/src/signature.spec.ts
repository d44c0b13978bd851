import { describe, expect, it } from '@jest/globals';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import {
  BATCH_ROOT_DOMAIN,
  decodeEnvelope,
  ED25519_SIGNATURE_BYTES,
  encodeEnvelope,
  encodeSignal,
  MAX_BATCH_PROOF_LENGTH,
  signBatch,
  signEnvelopes,
  signedBytes,
  VerifiedRootCache,
  verifiedBatchRoots,
  type BatchProof,
  type SignedContent,
  type SignedEnvelope,
  generateSigningKeyPair,
  publicKeyFromPem,
  SigningKeyError,
  MAX_SIGNED_ID_BYTES,
  SIGNATURE_DOMAIN,
  signEnvelope,
  verifyEnvelope,
  verifyEnvelopeAsync,
} from './index.js';
import { createHash, sign } from 'node:crypto';

const payload = encodeSignal({ creditorSignalRef: 'HUUR-1', surname: 'Jansen', amountCents: 12_345n });
const content = { creditorId: 'woonstad-rotterdam', keyId: 'k-2026', payload };
const signPayload = (key: Parameters<typeof signEnvelope>[0], bytes: Uint8Array) =>
  signEnvelope(key, { ...content, payload: bytes });
const verifyPayload = (key: Parameters<typeof verifyEnvelope>[0], bytes: Uint8Array, signature: Uint8Array) =>
  verifyEnvelope(key, { ...content, payload: bytes, signature });
const verifyPayloadAsync = (key: Parameters<typeof verifyEnvelope>[0], bytes: Uint8Array, signature: Uint8Array) =>
  verifyEnvelopeAsync(key, { ...content, payload: bytes, signature });

describe('Ed25519 signatures over the envelope (creditor, key id, payload)', () => {
  const creditor = generateSigningKeyPair();
  const publicKey = publicKeyFromPem(creditor.publicKeyPem);

  it('verifies what the key signed, byte for byte', () => {
    const signature = signPayload(creditor.privateKey, payload);
    expect(signature).toBeInstanceOf(Uint8Array);
    expect(signature.byteLength).toBe(ED25519_SIGNATURE_BYTES);
    expect(verifyPayload(publicKey, payload, signature)).toBe(true);
    // Ed25519 is deterministic: the same bytes give the same signature.
    expect(signPayload(creditor.privateKey, payload)).toEqual(signature);
  });

  it('refuses a changed payload, a changed signature and another creditor’s key', () => {
    const signature = signPayload(creditor.privateKey, payload);
    const tampered = Uint8Array.from(payload);
    tampered[tampered.length - 1] ^= 1;
    expect(verifyPayload(publicKey, tampered, signature)).toBe(false);
    const flipped = Uint8Array.from(signature);
    flipped[0] ^= 1;
    expect(verifyPayload(publicKey, payload, flipped)).toBe(false);
    const other = publicKeyFromPem(generateSigningKeyPair().publicKeyPem);
    expect(verifyPayload(other, payload, signature)).toBe(false);
  });

  it('answers false, never throws, for empty, short, long or garbage signatures', () => {
    for (const signature of [
      new Uint8Array(),
      new Uint8Array(10),
      new Uint8Array(ED25519_SIGNATURE_BYTES),
      new Uint8Array(ED25519_SIGNATURE_BYTES).fill(0xff),
      new Uint8Array(ED25519_SIGNATURE_BYTES + 1),
    ]) {
      expect(verifyPayload(publicKey, payload, signature)).toBe(false);
    }
    expect(verifyPayload(publicKey, new Uint8Array(), new Uint8Array(ED25519_SIGNATURE_BYTES))).toBe(false);
  });

  it('gives the same verdicts on the thread pool as on the event loop', async () => {
    const signature = signPayload(creditor.privateKey, payload);
    const flipped = Uint8Array.from(signature);
    flipped[5] ^= 1;
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    await expect(
      Promise.all([
        verifyPayloadAsync(publicKey, payload, signature),
        verifyPayloadAsync(publicKey, payload, flipped),
        verifyPayloadAsync(publicKey, payload, new Uint8Array(3)),
        verifyPayloadAsync(ec, payload, signature),
      ]),
    ).resolves.toEqual([true, false, false, false]);
  });

  it('answers false for a key of another type instead of throwing', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    expect(verifyPayload(ec, payload, new Uint8Array(ED25519_SIGNATURE_BYTES))).toBe(false);
  });

  it('reads the PEM it wrote back to an equal key', () => {
    expect(publicKey.asymmetricKeyType).toBe('ed25519');
    expect(publicKey.type).toBe('public');
    expect(creditor.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(publicKeyFromPem(`\n  ${creditor.publicKeyPem}\n`).equals(publicKey)).toBe(true);
  });

  it('rejects keys that are not one Ed25519 public key', () => {
    const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    const privatePem = creditor.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const cases: Array<[string, RegExp]> = [
      [ecPem, /Ed25519.*got ec/],
      [rsaPem, /Ed25519.*got rsa/],
      [privatePem, /private key/],
      ['', /PEM public key/],
      ['not a key', /PEM public key/],
      ['-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n', /not a readable public key/],
      [creditor.publicKeyPem + creditor.publicKeyPem, /PEM public key/],
    ];
    for (const [pem, message] of cases) {
      expect(() => publicKeyFromPem(pem)).toThrow(SigningKeyError);
      expect(() => publicKeyFromPem(pem)).toThrow(message);
    }
  });

  it('refuses to sign with anything but an Ed25519 private key', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(() => signPayload(ec, payload)).toThrow(SigningKeyError);
    expect(() => signPayload(publicKey, payload)).toThrow(SigningKeyError);
    const reread = createPrivateKey(creditor.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(verifyPayload(publicKey, payload, signPayload(reread, payload))).toBe(true);
  });

  it('binds the creditor and the key: the same payload under another creditor or key id does not verify', () => {
    const signature = signEnvelope(creditor.privateKey, content);
    expect(verifyEnvelope(publicKey, { ...content, signature })).toBe(true);
    expect(verifyEnvelope(publicKey, { ...content, creditorId: 'other-creditor', signature })).toBe(false);
    expect(verifyEnvelope(publicKey, { ...content, keyId: 'k-2025', signature })).toBe(false);
    // A signature over the bare payload (no domain, no ids) is not a signal signature.
    const bare = new Uint8Array(sign(null, payload, creditor.privateKey));
    expect(verifyEnvelope(publicKey, { ...content, signature: bare })).toBe(false);
  });

  it('keeps the ids apart: moving bytes between creditor id and key id breaks the signature', () => {
    const signature = signEnvelope(creditor.privateKey, { creditorId: 'ab', keyId: 'c', payload });
    expect(verifyEnvelope(publicKey, { creditorId: 'a', keyId: 'bc', payload, signature })).toBe(false);
    expect(verifyEnvelope(publicKey, { creditorId: 'ab', keyId: 'c', payload, signature })).toBe(true);
  });

  it('neither signs nor verifies ids longer than a registry id can be', () => {
    const long = 'x'.repeat(MAX_SIGNED_ID_BYTES + 1);
    expect(() => signEnvelope(creditor.privateKey, { ...content, creditorId: long })).toThrow(SigningKeyError);
    const signature = signEnvelope(creditor.privateKey, content);
    expect(verifyEnvelope(publicKey, { ...content, keyId: long, signature })).toBe(false);
  });
});

describe('batch mode: one Ed25519 signature over a Merkle root, an inclusion proof per envelope', () => {
  const creditor = generateSigningKeyPair();
  const publicKey = publicKeyFromPem(creditor.publicKeyPem);
  const otherCreditor = generateSigningKeyPair();
  const otherPublicKey = publicKeyFromPem(otherCreditor.publicKeyPem);

  const contentsOf = (count: number, tag = 'A', ids = { creditorId: content.creditorId, keyId: content.keyId }) =>
    Array.from({ length: count }, (_, i): SignedContent => ({
      ...ids,
      payload: encodeSignal({ creditorSignalRef: `HUUR-${tag}-${i}`, surname: 'Jansen', amountCents: BigInt(100 + i) }),
    }));
  /** Signs `contents` as one batch and returns the envelopes as the hub reads them. */
  const signedBatchOf = (contents: SignedContent[], key = creditor.privateKey): SignedEnvelope[] =>
    signBatch(key, contents).map((signature, i) => ({ ...contents[i]!, ...signature }));
  const withBatch = (envelope: SignedEnvelope, change: Partial<BatchProof>): SignedEnvelope => ({
    ...envelope,
    batch: { ...envelope.batch!, ...change },
  });
  /** A cache of its own per check, so no verdict leans on what another test verified. */
  const fresh = () => ({ roots: new VerifiedRootCache(16) });

  it.each([1, 2, 3, 5, 8, 13, 100])('verifies every envelope of a batch of %i, each on its own', (count) => {
    const envelopes = signedBatchOf(contentsOf(count));
    const [first] = envelopes;
    for (const [i, envelope] of envelopes.entries()) {
      expect(envelope.signature).toHaveLength(0);
      expect(envelope.batch).toMatchObject({ leafIndex: i, leafCount: count });
      // One root and one signature for the whole batch; a proof as long as the tree is deep.
      expect(envelope.batch!.root).toEqual(first!.batch!.root);
      expect(envelope.batch!.rootSignature).toEqual(first!.batch!.rootSignature);
      expect(envelope.batch!.siblings.length).toBeLessThanOrEqual(Math.ceil(Math.log2(count)));
      expect(verifyEnvelope(publicKey, envelope, fresh())).toBe(true);
    }
  });

  it('verifies the batch root once for the whole batch, then from the cache', () => {
    const options = fresh();
    const envelopes = signedBatchOf(contentsOf(50));
    expect(envelopes.map((e) => verifyEnvelope(publicKey, e, options)).every(Boolean)).toBe(true);
    expect(options.roots.size).toBe(1);
  });

  it('shares one root verification between envelopes of a batch verified at once on the thread pool', async () => {
    const options = fresh();
    const envelopes = signedBatchOf(contentsOf(20));
    const forged = { ...envelopes[3]!, payload: envelopes[4]!.payload };
    const verdicts = await Promise.all([...envelopes, forged].map((e) => verifyEnvelopeAsync(publicKey, e, options)));
    expect(verdicts).toEqual([...envelopes.map(() => true), false]);
    expect(options.roots.size).toBe(1);
    expect(options.roots.pending.size).toBe(0);
  });

  it('keeps per-message signatures valid as the other mode, through the same functions', async () => {
    const contents = contentsOf(3);
    const signatures = signEnvelopes(creditor.privateKey, contents, { mode: 'message' });
    for (const [i, signature] of signatures.entries()) {
      expect(signature.batch).toBeUndefined();
      expect(signature.signature).toEqual(signEnvelope(creditor.privateKey, contents[i]!));
      expect(verifyEnvelope(publicKey, { ...contents[i]!, ...signature })).toBe(true);
      await expect(verifyEnvelopeAsync(publicKey, { ...contents[i]!, ...signature })).resolves.toBe(true);
    }
    const batched = signEnvelopes(creditor.privateKey, contents, { mode: 'batch' });
    expect(batched.every((s) => s.batch !== undefined && s.signature.length === 0)).toBe(true);
    expect(signEnvelopes(creditor.privateKey, [], { mode: 'batch' })).toEqual([]);
  });

  it('round-trips through the strict codec and still verifies', () => {
    const [envelope] = signedBatchOf(contentsOf(7)).slice(5);
    const decoded = decodeEnvelope(encodeEnvelope(envelope!));
    expect(decoded.batch?.leafIndex).toBe(5);
    expect(verifyEnvelope(publicKey, decoded, fresh())).toBe(true);
  });

  describe('refuses every forgery, sync and async alike, warm cache or cold', () => {
    const contents = contentsOf(6);
    const envelopes = signedBatchOf(contents);
    const otherBatch = signedBatchOf(contentsOf(6, 'B'));
    const e = envelopes[2]!;
    const tampered = Uint8Array.from(e.payload);
    tampered[tampered.length - 1] ^= 1;
    const flippedRoot = Uint8Array.from(e.batch!.root);
    flippedRoot[0] ^= 1;
    const flippedSignature = Uint8Array.from(e.batch!.rootSignature);
    flippedSignature[10] ^= 1;
    // Another creditor signs a batch that claims this creditor's ids: its root signature is not ours.
    const byOtherKey = signedBatchOf(contents, otherCreditor.privateKey)[2]!;
    const leaf = createHash('sha256')
      .update(Buffer.from([0]))
      .update(signedBytes(e)!)
      .digest();
    const single = signedBatchOf([e])[0]!;

    const forgeries: Array<[string, SignedEnvelope]> = [
      ['a forged payload', { ...e, payload: tampered }],
      ['a payload swapped in from another envelope of the batch', { ...e, payload: envelopes[3]!.payload }],
      ['another creditor id on the same proof', { ...e, creditorId: 'other-creditor' }],
      ['another key id on the same proof', { ...e, keyId: 'k-2025' }],
      ['a proof from another batch', { ...e, batch: otherBatch[2]!.batch! }],
      [
        'the root and root signature of another batch',
        withBatch(e, { ...otherBatch[2]!.batch!, siblings: e.batch!.siblings }),
      ],
      ['a root signed by another creditor’s key', byOtherKey],
      ['a truncated proof', withBatch(e, { siblings: e.batch!.siblings.slice(0, -1) })],
      ['an empty proof', withBatch(e, { siblings: [] })],
      ['a proof with a sibling too many', withBatch(e, { siblings: [...e.batch!.siblings, e.batch!.root] })],
      ['a sibling cut short', withBatch(e, { siblings: e.batch!.siblings.map((s) => s.subarray(0, 31)) })],
      ['siblings in the wrong order', withBatch(e, { siblings: [...e.batch!.siblings].reverse() })],
      ['another leaf index', withBatch(e, { leafIndex: 3 })],
      ['a leaf index beyond the batch', withBatch(e, { leafIndex: 6 })],
      ['another leaf count', withBatch(e, { leafCount: 7 })],
      ['a leaf count of 0', withBatch(e, { leafCount: 0, leafIndex: 0 })],
      ['a changed root', withBatch(e, { root: flippedRoot })],
      ['a changed root signature', withBatch(e, { rootSignature: flippedSignature })],
      ['an empty root signature', withBatch(e, { rootSignature: new Uint8Array() })],
      [
        'an empty batch',
        {
          ...e,
          batch: { root: new Uint8Array(), rootSignature: new Uint8Array(), leafIndex: 0, leafCount: 0, siblings: [] },
        },
      ],
      ['both a per-message signature and a batch', { ...e, signature: signEnvelope(creditor.privateKey, e) }],
      [
        'the batch-root signature as a per-message signature',
        { ...e, signature: e.batch!.rootSignature, batch: undefined },
      ],
      [
        'a per-message signature as the root signature of a batch of one',
        withBatch(single, { rootSignature: signEnvelope(creditor.privateKey, e) }),
      ],
      [
        'a root signed without the batch-root domain',
        withBatch(single, { rootSignature: new Uint8Array(sign(null, leaf, creditor.privateKey)) }),
      ],
    ];

    it.each(forgeries)('refuses %s', async (_name, forged) => {
      // Cold: nothing verified yet.
      expect(verifyEnvelope(publicKey, forged, fresh())).toBe(false);
      await expect(verifyEnvelopeAsync(publicKey, forged, fresh())).resolves.toBe(false);
      // Warm: the genuine batch (and the one the forgery came from) verified and cached first.
      const warm = fresh();
      for (const genuine of [...envelopes, ...otherBatch, single]) {
        expect(verifyEnvelope(publicKey, genuine, warm)).toBe(true);
      }
      expect(verifyEnvelope(publicKey, forged, warm)).toBe(false);
      await expect(verifyEnvelopeAsync(publicKey, forged, warm)).resolves.toBe(false);
      // And the genuine envelopes still verify next to it.
      expect(verifyEnvelope(publicKey, e, warm)).toBe(true);
    });

    it('verifies the other creditor’s batch only under the other creditor’s key, cache or not', () => {
      const options = fresh();
      expect(verifyEnvelope(otherPublicKey, byOtherKey, options)).toBe(true);
      expect(verifyEnvelope(publicKey, byOtherKey, options)).toBe(false);
      expect(verifyEnvelope(otherPublicKey, e, options)).toBe(false);
    });

    it('signs batch roots under their own domain', () => {
      expect(BATCH_ROOT_DOMAIN).not.toBe(SIGNATURE_DOMAIN);
      expect(SIGNATURE_DOMAIN.startsWith(BATCH_ROOT_DOMAIN)).toBe(false);
      expect(BATCH_ROOT_DOMAIN.startsWith(SIGNATURE_DOMAIN)).toBe(false);
    });
  });

  it('gives the verdicts of a cold cache while the cache learns a batch’s tree, in any order', async () => {
    // Deterministic pseudo-random: batch sizes, the order envelopes arrive in, and which are damaged.
    let seed = 7;
    const next = (n: number) => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) % n;
    const damage = (e: SignedEnvelope): SignedEnvelope => {
      const proof = e.batch!;
      const siblings = proof.siblings.map((sibling) => Uint8Array.from(sibling));
      switch (next(5)) {
        case 0:
          if (siblings.length > 0) siblings[next(siblings.length)]![next(32)] ^= 1 << next(8);
          else return { ...e, payload: Uint8Array.from([...e.payload, 0]) };
          return withBatch(e, { siblings });
        case 1:
          if (proof.leafCount === 1) return withBatch(e, { leafCount: 2 });
          return withBatch(e, { leafIndex: (proof.leafIndex + 1 + next(proof.leafCount - 1)) % proof.leafCount });
        case 2:
          return withBatch(e, { siblings: siblings.slice(0, -1) });
        case 3:
          return withBatch(e, { siblings: [...siblings, siblings[0] ?? proof.root] });
        default:
          return { ...e, payload: Uint8Array.from([...e.payload.subarray(0, -1), e.payload.at(-1)! ^ 1]) };
      }
    };
    const warm = { roots: new VerifiedRootCache(64, 4) };
    for (const count of [1, 2, 3, 7, 16, 33, 100]) {
      const envelopes = signedBatchOf(contentsOf(count, `R${count}`));
      const arrivals = envelopes.flatMap((e) => [e, e, damage(e)]);
      for (let i = arrivals.length - 1; i > 0; i--) {
        const j = next(i + 1);
        [arrivals[i], arrivals[j]] = [arrivals[j]!, arrivals[i]!];
      }
      for (const arrival of arrivals) {
        const cold = verifyEnvelope(publicKey, arrival, fresh());
        expect(cold).toBe(envelopes.includes(arrival));
        expect(verifyEnvelope(publicKey, arrival, warm)).toBe(cold);
        await expect(verifyEnvelopeAsync(publicKey, arrival, warm)).resolves.toBe(cold);
      }
    }
  });

  it('never caches a root whose signature failed', async () => {
    const options = fresh();
    const [e] = signedBatchOf(contentsOf(4));
    const flipped = Uint8Array.from(e!.batch!.rootSignature);
    flipped[0] ^= 1;
    const forged = withBatch(e!, { rootSignature: flipped });
    expect(verifyEnvelope(publicKey, forged, options)).toBe(false);
    await expect(verifyEnvelopeAsync(publicKey, forged, options)).resolves.toBe(false);
    expect(options.roots.size).toBe(0);
    expect(verifyEnvelope(publicKey, forged, options)).toBe(false);
  });

  it('bounds the cache: the least recently used root is forgotten, and verifies again when it returns', () => {
    const options = { roots: new VerifiedRootCache(2) };
    const [a, b, c] = ['A', 'B', 'C'].map((tag) => signedBatchOf(contentsOf(3, tag))[0]!);
    for (const envelope of [a, b, c]) expect(verifyEnvelope(publicKey, envelope!, options)).toBe(true);
    expect(options.roots.size).toBe(2);
    expect(verifyEnvelope(publicKey, a!, options)).toBe(true);
    expect(options.roots.size).toBe(2);
    expect(() => new VerifiedRootCache(0)).toThrow(RangeError);
  });

  it('uses the shared cache by default, bounded', () => {
    const [e] = signedBatchOf(contentsOf(2, 'shared'));
    expect(verifyEnvelope(publicKey, e!)).toBe(true);
    expect(verifiedBatchRoots.size).toBeGreaterThan(0);
    expect(verifiedBatchRoots.size).toBeLessThanOrEqual(verifiedBatchRoots.capacity);
  });

  it(`refuses proofs longer than ${MAX_BATCH_PROOF_LENGTH} levels and counts beyond uint32 before hashing`, () => {
    const [e] = signedBatchOf(contentsOf(2));
    const long = Array.from({ length: MAX_BATCH_PROOF_LENGTH + 1 }, () => new Uint8Array(32));
    expect(verifyEnvelope(publicKey, withBatch(e!, { siblings: long }), fresh())).toBe(false);
    expect(verifyEnvelope(publicKey, withBatch(e!, { leafCount: 2 ** 32 }), fresh())).toBe(false);
    expect(verifyEnvelope(publicKey, withBatch(e!, { leafIndex: -1 }), fresh())).toBe(false);
    expect(verifyEnvelope(publicKey, withBatch(e!, { leafIndex: 0.5 }), fresh())).toBe(false);
    const huge = Array.from({ length: 100_000 }, () => new Uint8Array(32));
    expect(verifyEnvelope(publicKey, withBatch(e!, { siblings: huge }), fresh())).toBe(false);
  });

  it('follows the documented scheme, up to the largest uint32 leaf count without losing bits', () => {
    // Built here from signal.proto's description alone, not from the signing code: a root over a
    // tree of 2^32 − 1 leaves, signed over the batch-root bytes. Bit operators would wrap at 2^31.
    const [e] = signedBatchOf(contentsOf(1));
    const h = (...parts: Uint8Array[]) =>
      parts.reduce((hash, part) => hash.update(part), createHash('sha256')).digest();
    const leaf = h(Buffer.from([0]), signedBytes(e!)!);
    const zero = new Uint8Array(32);
    const leafCount = 2 ** 32 - 1;
    const signedRoot = (root: Uint8Array) => {
      const ids = Buffer.from(`\0${String.fromCharCode(content.creditorId.length)}${content.creditorId}`, 'latin1');
      const key = Buffer.from(`\0${String.fromCharCode(content.keyId.length)}${content.keyId}`, 'latin1');
      const count = Buffer.alloc(4);
      count.writeUInt32BE(leafCount);
      const bytes = Buffer.concat([Buffer.from(BATCH_ROOT_DOMAIN, 'utf8'), ids, key, count, root]);
      return new Uint8Array(sign(null, bytes, creditor.privateKey));
    };
    // The first leaf: the leftmost path, 32 levels, every sibling on the right.
    let first: Uint8Array = leaf;
    for (let level = 0; level < 32; level++) first = h(Buffer.from([1]), first, zero);
    const firstProof = { leafIndex: 0, leafCount, root: first, rootSignature: signedRoot(first) };
    const siblings32 = Array.from({ length: 32 }, () => zero);
    expect(verifyEnvelope(publicKey, withBatch(e!, { ...firstProof, siblings: siblings32 }), fresh())).toBe(true);
    expect(verifyEnvelope(publicKey, withBatch(e!, { ...firstProof, siblings: siblings32.slice(1) }), fresh())).toBe(
      false,
    );
    // The last leaf: 31 levels (its subtrees are one short of full), every sibling on the left.
    let last: Uint8Array = leaf;
    for (let level = 0; level < 31; level++) last = h(Buffer.from([1]), zero, last);
    const lastProof = { leafIndex: leafCount - 1, leafCount, root: last, rootSignature: signedRoot(last) };
    expect(verifyEnvelope(publicKey, withBatch(e!, { ...lastProof, siblings: siblings32.slice(1) }), fresh())).toBe(
      true,
    );
    expect(verifyEnvelope(publicKey, withBatch(e!, { ...lastProof, siblings: siblings32 }), fresh())).toBe(false);
  });

  it('refuses to sign one batch for several creditors or keys', () => {
    const mixed = [...contentsOf(2), ...contentsOf(1, 'B', { creditorId: 'other-creditor', keyId: content.keyId })];
    expect(() => signBatch(creditor.privateKey, mixed)).toThrow(SigningKeyError);
    const keys = [...contentsOf(2), ...contentsOf(1, 'B', { creditorId: content.creditorId, keyId: 'k-2025' })];
    expect(() => signBatch(creditor.privateKey, keys)).toThrow(SigningKeyError);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(() => signBatch(ec, contentsOf(2))).toThrow(SigningKeyError);
  });
});
