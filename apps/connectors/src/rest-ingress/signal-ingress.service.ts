import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, ServiceUnavailableException } from '@nestjs/common';
import { encodeSignal, signalKey, type SignalInit } from '@signaalhub/contracts';
import type { KafkaBus, MessagePosition, OutgoingMessage, Producer } from '@signaalhub/kafka';
import { KAFKA_BUS } from '@signaalhub/platform';
import { ConnectorsConfig } from '../config/connectors-config.js';
import { ConnectorsTopics } from '../config/connectors-topics.js';
import { checkSignalItem } from './signal-item.js';
import { CreditorSigningKeys, NoSigningKeyError } from '../signing/creditor-signing-keys.js';
import { signedBatchRecords } from '../signing/signed-records.js';
import type { ItemResultDto, SubmitSignalsResultDto } from './submit-signals.dto.js';

/** Signals remembered for the `duplicate` answer; the oldest are forgotten first. */
export const REMEMBERED_SIGNALS = 200_000;

const PARTITIONS = 4;

/**
 * Turns a creditor's batch into signed envelopes on the signals topic, the accepted items signed as
 * one batch (batch mode: one Ed25519 signature over a Merkle root). Idempotent per creditor
 * reference: the same item always becomes the same payload (no send time in it), so a resend that
 * does reach Kafka is recognised by the hub; within this process the
 * fingerprint of every accepted signal is also remembered (bounded), so a resend is answered
 * `duplicate` without producing it again.
 */
@Injectable()
export class SignalIngressService implements OnApplicationShutdown {
  private readonly logger = new Logger(SignalIngressService.name);
  private producer: Promise<Producer> | null = null;
  private topicReady: Promise<void> | null = null;
  /** `<creditor>:<ref>` → fingerprint of the last accepted envelope for it. */
  private readonly accepted = new Map<string, string>();

  constructor(
    @Inject(KAFKA_BUS) private readonly bus: KafkaBus,
    @Inject(ConnectorsTopics) private readonly topics: ConnectorsTopics,
    @Inject(ConnectorsConfig) private readonly config: ConnectorsConfig,
    @Inject(CreditorSigningKeys) private readonly keys: CreditorSigningKeys,
  ) {}

  async submit(creditorId: string, items: readonly unknown[]): Promise<SubmitSignalsResultDto> {
    let signer;
    try {
      signer = this.keys.active(creditorId);
    } catch (error) {
      if (!(error instanceof NoSigningKeyError)) throw error;
      this.logger.error(`Cannot sign for creditor ${creditorId}: ${error.message}`);
      throw new ServiceUnavailableException('this connector holds no signing key for your creditor');
    }
    const results: ItemResultDto[] = [];
    const outgoing: SignalInit[] = [];
    const toRemember: [string, string][] = [];
    /** The results of the items in `outgoing`, in the same order: they get the position Kafka gave. */
    const sent: ItemResultDto[] = [];
    const inBatch = new Map<string, string>();
    items.forEach((raw, index) => {
      const checked = checkSignalItem(raw);
      if (!checked.ok) {
        results.push({ index, creditorSignalRef: checked.ref, status: 'rejected', errors: checked.errors });
        return;
      }
      const key = signalKey(creditorId, checked.ref);
      const payload = encodeSignal(checked.signal);
      // Over the payload, not the envelope: after a key rotation the same signal is still the same.
      const fingerprint = createHash('sha256').update(payload).digest('hex');
      const base = { index, creditorSignalRef: checked.ref, topic: this.topics.signals, key, keyId: signer.keyId };
      if ((inBatch.get(key) ?? this.accepted.get(key)) === fingerprint) {
        results.push({ ...base, status: 'duplicate' });
        return;
      }
      inBatch.set(key, fingerprint);
      toRemember.push([key, fingerprint]);
      outgoing.push(checked.signal);
      const result: ItemResultDto = { ...base, status: 'accepted' };
      sent.push(result);
      results.push(result);
    });
    if (outgoing.length > 0) {
      const positions = await this.produce(signedBatchRecords(creditorId, signer, outgoing));
      positions.forEach((position, i) => {
        if (position) Object.assign(sent[i]!, { partition: position.partition, offset: position.offset });
      });
    }
    for (const [key, fingerprint] of toRemember) this.remember(key, fingerprint);
    const count = (status: ItemResultDto['status']) => results.filter((r) => r.status === status).length;
    return { accepted: count('accepted'), duplicates: count('duplicate'), rejected: count('rejected'), results };
  }

  private async produce(messages: OutgoingMessage[]): Promise<Array<MessagePosition | null>> {
    try {
      await (this.topicReady ??= this.bus
        .ensureTopics([
          { topic: this.topics.signals, partitions: PARTITIONS, retentionMs: this.config.KAFKA_SIGNALS_RETENTION_MS },
        ])
        .catch((error: unknown) => {
          this.topicReady = null;
          throw error;
        }));
      const producer = await (this.producer ??= this.bus.createProducer().catch((error: unknown) => {
        this.producer = null;
        throw error;
      }));
      return await producer.send(this.topics.signals, messages);
    } catch (error) {
      // The message of a Kafka client error names brokers and topics, never message contents.
      this.logger.error(`Kafka did not accept a batch of ${messages.length} signals: ${String(error)}`);
      throw new ServiceUnavailableException(
        'Kafka did not accept the batch; send it again (resending is safe: the same signals are recognised)',
      );
    }
  }

  private remember(key: string, fingerprint: string): void {
    this.accepted.delete(key);
    this.accepted.set(key, fingerprint);
    if (this.accepted.size > REMEMBERED_SIGNALS) {
      this.accepted.delete(this.accepted.keys().next().value as string);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const producer = await this.producer?.catch(() => null);
    await producer?.disconnect();
  }
}
