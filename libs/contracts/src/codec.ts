// Binary codecs for everything on Kafka. Decoding proves the bytes are one strict protobuf encoding
// of the expected message (strict-wire.ts says what strict means); whether the fields make sense is
// the hub's validation step, which can then reject with a precise reason code instead of a generic
// parse failure.
import {
  create,
  fromBinary,
  toBinary,
  type DescMessage,
  type MessageInitShape,
  type MessageShape,
} from '@bufbuild/protobuf';
import { assertStrictWireFormat } from './strict-wire.js';
import { SignalFeedbackSchema, type SignalFeedback } from './gen/signaalhub/v1/feedback_pb.js';
import { SignalEnvelopeSchema, SignalSchema, type Signal, type SignalEnvelope } from './gen/signaalhub/v1/signal_pb.js';

export type SignalInit = MessageInitShape<typeof SignalSchema>;
export type SignalEnvelopeInit = MessageInitShape<typeof SignalEnvelopeSchema>;
export type SignalFeedbackInit = MessageInitShape<typeof SignalFeedbackSchema>;

/**
 * Bytes that are not a strict protobuf encoding of the expected message: truncated, a wire type the
 * schema does not give the field, an unknown or repeated field, text that is not UTF-8. A class of
 * its own so the ingest can map it to one DLQ reason code without string-matching error messages.
 * Its message names field numbers and byte offsets only, never the bytes.
 */
export class ContractDecodeError extends Error {
  override readonly name = 'ContractDecodeError';
  /** Fully qualified protobuf type that failed, e.g. `signaalhub.v1.SignalEnvelope`. */
  readonly typeName: string;

  constructor(typeName: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`bytes are not a valid ${typeName}: ${reason}`, { cause });
    this.typeName = typeName;
  }
}

function encode<Desc extends DescMessage>(schema: Desc, init: MessageInitShape<Desc>): Uint8Array {
  // create() returns an existing message of this type unchanged, so full messages and plain init
  // objects are both accepted without a copy.
  return toBinary(schema, create(schema, init));
}

function decode<Desc extends DescMessage>(schema: Desc, bytes: Uint8Array): MessageShape<Desc> {
  try {
    assertStrictWireFormat(schema, bytes);
    // Nothing unknown is left to keep once the strict reading passed.
    return fromBinary(schema, bytes, { readUnknownFields: false });
  } catch (cause) {
    throw new ContractDecodeError(schema.typeName, cause);
  }
}

/** Serializes a Signal: these are the bytes the connector signs and puts in `SignalEnvelope.payload`. */
export function encodeSignal(signal: SignalInit): Uint8Array {
  return encode(SignalSchema, signal);
}

/** @throws {ContractDecodeError} when the bytes are not a strict encoding of the message. */
export function decodeSignal(bytes: Uint8Array): Signal {
  return decode(SignalSchema, bytes);
}

export function encodeEnvelope(envelope: SignalEnvelopeInit): Uint8Array {
  return encode(SignalEnvelopeSchema, envelope);
}

/** @throws {ContractDecodeError} when the bytes are not a strict encoding of the message. */
export function decodeEnvelope(bytes: Uint8Array): SignalEnvelope {
  return decode(SignalEnvelopeSchema, bytes);
}

export function encodeFeedback(feedback: SignalFeedbackInit): Uint8Array {
  return encode(SignalFeedbackSchema, feedback);
}

/** @throws {ContractDecodeError} when the bytes are not a strict encoding of the message. */
export function decodeFeedback(bytes: Uint8Array): SignalFeedback {
  return decode(SignalFeedbackSchema, bytes);
}
