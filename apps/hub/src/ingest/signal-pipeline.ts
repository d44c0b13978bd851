import { createHash } from 'node:crypto';
import { decodeEnvelope, decodeSignal } from '@signaalhub/contracts';
import { routeToMunicipality, validateSignal, type NormalisedSignal, type RejectReason } from '@signaalhub/domain';
import type { ConsumedMessage } from '@signaalhub/kafka';
import type { ReferenceData } from '@signaalhub/reference';

export interface MessageSource {
  topic: string;
  partition: number;
  offset: string;
  /** Broker timestamp (ms), for the processing-latency metric. */
  timestamp: number;
}

export interface AcceptedSignal {
  source: MessageSource;
  /** Identity of the delivered payload: the same bytes twice are one signal. */
  payloadSha256: Buffer;
  creditorId: string;
  signal: NormalisedSignal;
  householdKey: string;
  routing: { kind: 'routed'; municipality: string } | { kind: 'unrouted'; reason: string };
}

export interface RejectedMessage {
  message: ConsumedMessage;
  reason: RejectReason;
  detail: string;
}

export type PipelineOutcome = { ok: true; signal: AcceptedSignal } | ({ ok: false } & RejectedMessage);

/**
 * The hub's per-message checks as explicit steps: decode → validate → route → household.
 * Signature verification and the convenant rules slot in between decode and route.
 * Pure apart from hashing: no I/O, so a whole batch is checked before one transaction stores it.
 */
export class SignalPipeline {
  constructor(private readonly reference: Pick<ReferenceData, 'pc4' | 'mergers'>) {}

  process(message: ConsumedMessage): PipelineOutcome {
    const reject = (reason: RejectReason, detail: string): PipelineOutcome => ({ ok: false, message, reason, detail });
    if (!message.value || message.value.length === 0) return reject('MALFORMED', 'empty message');

    let envelope;
    let decoded;
    try {
      envelope = decodeEnvelope(message.value);
      if (!envelope.creditorId) return reject('MISSING_FIELD', 'envelope.creditor_id is missing');
      if (envelope.payload.length === 0) return reject('MALFORMED', 'envelope.payload is empty');
      decoded = decodeSignal(envelope.payload);
    } catch {
      return reject('MALFORMED', 'bytes are not a SignalEnvelope carrying a Signal');
    }

    const validated = validateSignal(decoded);
    if (!validated.ok) return reject(validated.reason, validated.detail);
    const signal = validated.value;

    const route = routeToMunicipality({ postcode: signal.postcode, place: signal.place }, this.reference);
    return {
      ok: true,
      signal: {
        source: {
          topic: message.topic,
          partition: message.partition,
          offset: message.offset,
          timestamp: message.timestamp,
        },
        payloadSha256: createHash('sha256').update(envelope.payload).digest(),
        creditorId: envelope.creditorId,
        signal,
        householdKey: signal.householdKey,
        routing:
          route.kind === 'routed'
            ? { kind: 'routed', municipality: route.municipality }
            : { kind: 'unrouted', reason: route.reason },
      },
    };
  }
}
