import { createHash } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import {
  decodeEnvelope,
  decodeSignal,
  parseSignalKey,
  verifyEnvelope,
  verifyEnvelopeAsync,
  type SignalEnvelope,
} from '@signaalhub/contracts';
import {
  isTellableSignalRef,
  minimiseSignal,
  routeToMunicipality,
  screenBeforeRouting,
  validateSignal,
  SECURITY_REJECT_REASONS,
  type NormalisedSignal,
  type PreviousSignal,
  type RejectReason,
  type RuleDecision,
  type RuleReason,
  type Sector,
  type SignalField,
  type SignalStatus,
} from '@signaalhub/domain';
import type { ConsumedMessage } from '@signaalhub/kafka';
import type { ReferenceData } from '@signaalhub/reference';
import type { RegistrySnapshot } from '../creditors/registry-snapshot.js';
import { describeError } from '../errors/describe-error.js';
import { judgeRoutedSignal } from '../decisions/routed-decision.js';
import { exactAddressKey, type AddressBook } from '../reference/address-book.js';

export interface MessageSource {
  topic: string;
  partition: number;
  offset: string;
  /** Broker timestamp (ms), for the processing-latency metric. */
  timestamp: number;
}

export type Routing = { kind: 'routed'; municipality: string } | { kind: 'unrouted'; reason: string };

/** A message that proved authentic and valid and was routed (or held unrouted); not yet judged by the rules. */
export interface CheckedSignal {
  source: MessageSource;
  /** Identity of the delivered payload: the same bytes twice are one signal. */
  payloadSha256: Buffer;
  creditorId: string;
  keyId: string;
  signal: NormalisedSignal;
  routing: Routing;
}

/** A signal the hub stores: its decision, its status and what data minimisation removed. */
export interface AcceptedSignal extends CheckedSignal {
  /** null while unrouted: the agreement and the municipality's policy decide once it is routed. */
  decision: RuleDecision | null;
  status: SignalStatus;
  dropped: readonly SignalField[];
}

/** Why a message was refused: a check of the ingest, or a convenant rule. */
export type RefusalReason = RejectReason | RuleReason;

export interface RejectedMessage {
  message: ConsumedMessage;
  reason: RefusalReason;
  detail: string;
  /** The creditor named by an authentic envelope, who is told; null when there is none to tell. */
  creditorId: string | null;
  creditorSignalRef: string | null;
  /** Someone may be writing in another creditor's name: an audit-trail security event. */
  security: boolean;
  /** Where the rules refused a routed signal: its municipality, for the data-sharing report. */
  municipality?: string;
  sector?: Sector;
}

export type Checked<T> = { ok: true; value: T } | ({ ok: false } & RejectedMessage);

const NO_ADDRESS_BOOK: AddressBook = { municipalitiesOf: async () => new Map() };

/** A message whose envelope decoded and whose creditor and key are known: ready for the signature check. */
interface Opened {
  message: ConsumedMessage;
  envelope: SignalEnvelope;
  creditorId: string;
  sectors: readonly Sector[];
  key: KeyObject;
}

function rejecter(message: ConsumedMessage) {
  return (
    reason: RejectReason,
    detail: string,
    creditorId: string | null = null,
    creditorSignalRef: string | null = null,
  ): { ok: false } & RejectedMessage => ({
    ok: false,
    message,
    reason,
    detail,
    creditorId,
    creditorSignalRef,
    security: SECURITY_REJECT_REASONS.has(reason),
  });
}

/**
 * The refusal of a message whose judging threw: PROCESSING_FAILED, never a batch that fails on every
 * delivery and so stops its partition. The detail names the error's class and code only: an error's
 * message may quote the values it choked on.
 */
export function processingFailed(
  message: ConsumedMessage,
  error: unknown,
  creditorId: string | null = null,
  creditorSignalRef: string | null = null,
): { ok: false } & RejectedMessage {
  return rejecter(message)(
    'PROCESSING_FAILED',
    `the hub could not judge this message (${describeError(error)})`,
    creditorId,
    creditorSignalRef,
  );
}

/** `step()`, or the message's PROCESSING_FAILED refusal when it throws. */
export function guarded<T>(message: ConsumedMessage, step: () => Checked<T>): Checked<T> {
  try {
    return step();
  } catch (error) {
    return processingFailed(message, error);
  }
}

/**
 * The hub's checks as explicit steps. `checkBatch` / `check`: decode envelope → creditor and key
 * from the registry → verify signature → decode signal → validate → sector allowed → route (the exact
 * addresses of the whole batch looked up at once). `decide` (per message, after the
 * batch looked up earlier signals of the same arrears): convenant rules → data minimisation.
 * Pure apart from hashing, signature verification and the one address look-up it is handed, so a
 * whole batch is judged before one transaction stores it.
 */
export class SignalPipeline {
  constructor(private readonly reference: Pick<ReferenceData, 'pc4' | 'mergers'>) {}

  /**
   * The authenticity and validity checks of a whole batch. Signatures, the costliest step, are
   * verified all at once on libuv's thread pool, so they use every core while the event loop waits.
   */
  async checkBatch(
    messages: ConsumedMessage[],
    registry: RegistrySnapshot,
    now: Date = new Date(),
    addresses: AddressBook = NO_ADDRESS_BOOK,
  ): Promise<Array<Checked<CheckedSignal>>> {
    // Each message's own steps are guarded: whatever one message makes them throw refuses that
    // message alone. Only the batch's shared look-up can fail the batch (to be delivered again).
    const opened = messages.map((message) => guarded(message, () => this.open(message, registry, now)));
    const verdicts = await Promise.all(
      opened.map((o) => (o.ok ? verifyEnvelopeAsync(o.value.key, o.value.envelope) : false)),
    );
    const completed = opened.map((o, i) =>
      o.ok ? guarded(messages[i], () => this.complete(o.value, verdicts[i])) : o,
    );
    const valid = completed.flatMap((c) => (c.ok ? [c.value.signal] : []));
    const exact = valid.length > 0 ? await addresses.municipalitiesOf(valid) : new Map<string, string>();
    return completed.map((c, i) =>
      c.ok
        ? guarded(messages[i], () => ({
            ok: true,
            value: this.route(c.value, exact.get(exactAddressKey(c.value.signal.postcode, c.value.signal.houseNumber))),
          }))
        : c,
    );
  }

  /** The same checks for one message, verifying on the event loop (benchmarks, single messages). */
  check(message: ConsumedMessage, registry: RegistrySnapshot, now: Date = new Date()): Checked<CheckedSignal> {
    return guarded(message, () => {
      const opened = this.open(message, registry, now);
      if (!opened.ok) return opened;
      const { key, envelope } = opened.value;
      const completed = this.complete(opened.value, verifyEnvelope(key, envelope));
      return completed.ok ? { ok: true, value: this.route(completed.value, undefined) } : completed;
    });
  }

  /** Routing: the exact address first (when the address table knows it), then PC4 and place name. */
  private route(checked: Omit<CheckedSignal, 'routing'>, exactMunicipality: string | undefined): CheckedSignal {
    const { signal } = checked;
    const route = routeToMunicipality(
      { postcode: signal.postcode, place: signal.place, exactMunicipality },
      this.reference,
    );
    return {
      ...checked,
      routing:
        route.kind === 'routed'
          ? { kind: 'routed', municipality: route.municipality }
          : { kind: 'unrouted', reason: route.reason },
    };
  }

  /**
   * Decode the envelope and find its creditor and key: everything needed to verify the signature.
   * `now` is the hub's clock: a key revoked at or before it is refused, whatever timestamp the
   * producer put on the message (a producer chooses its timestamps, so they decide nothing here).
   */
  private open(message: ConsumedMessage, registry: RegistrySnapshot, now: Date): Checked<Opened> {
    const reject = rejecter(message);
    if (!message.value || message.value.length === 0) return reject('MALFORMED', 'empty message');
    let envelope: SignalEnvelope;
    try {
      envelope = decodeEnvelope(message.value);
    } catch {
      return reject('MALFORMED', 'bytes are not a SignalEnvelope');
    }
    if (!envelope.creditorId) return reject('MISSING_FIELD', 'envelope.creditor_id is missing');
    const creditor = registry.creditor(envelope.creditorId);
    if (!creditor) return reject('UNKNOWN_CREDITOR', 'envelope.creditor_id is not a registered creditor');
    const key = registry.key(creditor.id, envelope.keyId, now);
    // Until the signature holds, nothing in the message is the creditor's word: no feedback either.
    if (!key) return reject('UNKNOWN_KEY', 'envelope.key_id is not a key of this creditor');
    if (key.revokedAt !== null && key.revokedAt.getTime() <= now.getTime()) {
      return reject('KEY_REVOKED', 'envelope.key_id is revoked');
    }
    const keyCreditor = message.key ? parseSignalKey(message.key.toString('utf8'))?.creditorId : undefined;
    if (keyCreditor !== creditor.id) {
      return reject('CREDITOR_MISMATCH', 'the message key names another creditor than the signed envelope');
    }
    return {
      ok: true,
      value: { message, envelope, creditorId: creditor.id, sectors: creditor.sectors, key: key.publicKey },
    };
  }

  /** After the signature verdict: decode the signal, validate it, check the sector. */
  private complete(opened: Opened, signatureValid: boolean): Checked<Omit<CheckedSignal, 'routing'>> {
    const { message, envelope, creditorId } = opened;
    const reject = rejecter(message);
    if (!signatureValid) return reject('BAD_SIGNATURE', 'envelope.signature does not verify over the payload');
    let decoded;
    try {
      decoded = decodeSignal(envelope.payload);
    } catch {
      return reject('MALFORMED', 'envelope.payload is not a Signal', creditorId);
    }
    const ref = isTellableSignalRef(decoded.creditorSignalRef) ? decoded.creditorSignalRef : null;
    const validated = validateSignal(decoded);
    if (!validated.ok) return reject(validated.reason, validated.detail, creditorId, ref);
    const signal = validated.value;
    if (!opened.sectors.includes(signal.sector)) {
      return reject('SECTOR_NOT_ALLOWED', 'the creditor is not registered for this sector', creditorId, ref);
    }

    return {
      ok: true,
      value: {
        source: {
          topic: message.topic,
          partition: message.partition,
          offset: message.offset,
          timestamp: message.timestamp,
        },
        payloadSha256: createHash('sha256').update(envelope.payload).digest(),
        creditorId,
        keyId: envelope.keyId,
        signal,
      },
    };
  }

  /**
   * The convenant rules, then data minimisation. `previous` is the last stored signal of the same
   * arrears. Whatever throws refuses this message as PROCESSING_FAILED, told to its creditor.
   */
  decide(
    message: ConsumedMessage,
    checked: CheckedSignal,
    registry: RegistrySnapshot,
    previous: PreviousSignal | null,
  ): Checked<AcceptedSignal> {
    try {
      return this.decideUnguarded(message, checked, registry, previous);
    } catch (error) {
      return processingFailed(message, error, checked.creditorId, checked.signal.creditorSignalRef);
    }
  }

  private decideUnguarded(
    message: ConsumedMessage,
    checked: CheckedSignal,
    registry: RegistrySnapshot,
    previous: PreviousSignal | null,
  ): Checked<AcceptedSignal> {
    const { signal, routing } = checked;
    let decision: RuleDecision | null = null;
    let status: SignalStatus = 'NOT_YET_PICKED_UP';
    if (routing.kind === 'unrouted') {
      // A signal no municipality could receive is not held: held signals keep personal data with no
      // municipality yet to answer for it.
      const stop = screenBeforeRouting(signal, { previous });
      if (stop) {
        return {
          ok: false,
          message,
          reason: stop.reason,
          detail: stop.detail,
          creditorId: checked.creditorId,
          creditorSignalRef: signal.creditorSignalRef,
          security: false,
          sector: signal.sector,
        };
      }
    } else {
      ({ decision, status } = judgeRoutedSignal(
        { creditorId: checked.creditorId, municipality: routing.municipality, signal },
        registry,
        previous,
      ));
      if (decision.outcome === 'REJECTED') {
        return {
          ok: false,
          message,
          reason: decision.reason,
          detail: decision.detail,
          creditorId: checked.creditorId,
          creditorSignalRef: signal.creditorSignalRef,
          security: false,
          municipality: routing.municipality,
          sector: signal.sector,
        };
      }
    }
    const minimised = minimiseSignal(signal);
    return {
      ok: true,
      value: {
        ...checked,
        signal: minimised.signal,
        dropped: minimised.dropped,
        decision,
        status,
      },
    };
  }
}
