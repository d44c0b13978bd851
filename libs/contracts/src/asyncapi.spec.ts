// asyncapi.yaml at the repository root describes the Kafka interface for creditors' connectors. It is
// hand-written, so this spec keeps it honest against the code: topic names and DLQ headers against
// topics.ts, and the inlined protobuf messages against the generated descriptors (which
// contracts.spec.ts in turn keeps in step with proto/).
import { describe, expect, it } from '@jest/globals';
import { ScalarType, type DescEnum, type DescField, type DescMessage } from '@bufbuild/protobuf';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { FeedbackStatusSchema, SignalFeedbackSchema } from './gen/signaalhub/v1/feedback_pb.js';
import { SignalEnvelopeSchema } from './gen/signaalhub/v1/signal_pb.js';
import * as topics from './topics.js';
import {
  DEFAULT_TOPIC_RETENTION_MS,
  DLQ_MAX_MESSAGE_BYTES,
  TOPIC_FEEDBACK,
  TOPIC_SIGNALS,
  TOPIC_SIGNALS_DLQ,
} from './topics.js';

const PROTOBUF_FORMAT = 'application/vnd.google.protobuf;version=3';
const file = fileURLToPath(new URL('../../../asyncapi.yaml', import.meta.url));

type Node = Record<string, unknown>;
const doc = parse(readFileSync(file, 'utf8')) as Node;

/** Follows local `$ref`s (`#/a/b`) until a non-reference object. */
function deref(node: unknown): Node {
  let current = node as Node;
  for (let hops = 0; typeof current?.$ref === 'string'; hops++) {
    const ref = current.$ref as string;
    if (!ref.startsWith('#/') || hops > 10) throw new Error(`unsupported or circular $ref ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((at, key) => (at as Node | undefined)?.[key], doc) as Node;
    if (current === undefined) throw new Error(`$ref ${ref} does not resolve`);
  }
  return current;
}

const channels = doc.channels as Record<string, Node>;
const operations = doc.operations as Record<string, Node>;
const channelByAddress = new Map(Object.values(channels).map((c) => [c.address as string, c]));

function messagesOf(channel: Node): Node[] {
  return Object.values(channel.messages as Record<string, unknown>).map(deref);
}

/** `const` exports of topics.ts whose name starts with `prefix`: new constants are picked up here too. */
function constantsStartingWith(prefix: string): string[] {
  return Object.entries(topics)
    .filter(([name, value]) => name.startsWith(prefix) && typeof value === 'string')
    .map(([, value]) => value as string)
    .sort();
}

/** Fields of `message <name> { … }` in an inlined .proto text, as `<label><type> <name> = <number>`. */
function protoFields(proto: string, message: string): string[] {
  const body = new RegExp(`message\\s+${message}\\s*\\{([^}]*)\\}`).exec(proto)?.[1];
  if (body === undefined) throw new Error(`message ${message} not found in the inlined schema`);
  return [...body.matchAll(/^\s*(optional\s+|repeated\s+)?([\w.]+)\s+(\w+)\s*=\s*(\d+)\s*;/gm)].map(
    ([, label = '', type, name, number]) => `${label.trim() ? `${label.trim()} ` : ''}${type} ${name} = ${number}`,
  );
}

function protoEnumValues(proto: string, enumName: string): string[] {
  const body = new RegExp(`enum\\s+${enumName}\\s*\\{([^}]*)\\}`).exec(proto)?.[1];
  if (body === undefined) throw new Error(`enum ${enumName} not found in the inlined schema`);
  return [...body.matchAll(/^\s*(\w+)\s*=\s*(\d+)\s*;/gm)].map(([, name, number]) => `${name} = ${number}`);
}

/** The same rendering from a generated descriptor; types relative to the message's package. */
function descriptorFields(message: DescMessage): string[] {
  const pkg = message.file.proto.package;
  const relative = (typeName: string) => (typeName.startsWith(`${pkg}.`) ? typeName.slice(pkg.length + 1) : typeName);
  const typeOf = (field: DescField): string => {
    switch (field.fieldKind) {
      case 'scalar':
        return ScalarType[field.scalar].toLowerCase();
      case 'enum':
        return relative(field.enum.typeName);
      case 'message':
        return relative(field.message.typeName);
      case 'list':
        if (field.listKind === 'scalar') return `repeated ${ScalarType[field.scalar].toLowerCase()}`;
        throw new Error(`${field.name}: lists of ${field.listKind} are not expected on the wire contract`);
      default:
        throw new Error(`${field.name}: ${field.fieldKind} fields are not expected on the wire contract`);
    }
  };
  return message.fields.map(
    (field) => `${field.proto.proto3Optional ? 'optional ' : ''}${typeOf(field)} ${field.name} = ${field.number}`,
  );
}

function enumValues(desc: DescEnum): string[] {
  return desc.values.map((value) => `${value.name} = ${value.number}`);
}

describe('asyncapi.yaml', () => {
  it('is an AsyncAPI 3.0.0 document', () => {
    expect(doc.asyncapi).toBe('3.0.0');
  });

  it('has exactly the channels of topics.ts, addressed by topic name', () => {
    const addresses = Object.values(channels)
      .map((c) => c.address)
      .sort();
    expect(addresses).toEqual([TOPIC_FEEDBACK, TOPIC_SIGNALS, TOPIC_SIGNALS_DLQ].sort());
    expect(addresses).toEqual(constantsStartingWith('TOPIC_'));
  });

  it('declares exactly the DLQ_HEADER_* headers on dead-lettered messages, all required', () => {
    const dlqHeaders = constantsStartingWith('DLQ_HEADER_');
    expect(dlqHeaders).toHaveLength(6);
    const [message, ...others] = messagesOf(channelByAddress.get(TOPIC_SIGNALS_DLQ)!);
    expect(others).toHaveLength(0);
    const headers = deref(message!.headers);
    expect(Object.keys(headers.properties as Node).sort()).toEqual(dlqHeaders);
    expect([...(headers.required as string[])].sort()).toEqual(dlqHeaders);
  });

  it('lets the hub receive signals and send dead letters and feedback', () => {
    const actions = Object.values(operations)
      .map((op) => `${op.action} ${deref(op.channel).address}`)
      .sort();
    expect(actions).toEqual([`receive ${TOPIC_SIGNALS}`, `send ${TOPIC_SIGNALS_DLQ}`, `send ${TOPIC_FEEDBACK}`].sort());
    for (const op of Object.values(operations)) {
      // An operation may only carry messages of its own channel.
      const own = messagesOf(deref(op.channel));
      for (const ref of op.messages as unknown[]) expect(own).toContain(deref(ref));
    }
  });

  const expectedMessage: Record<string, DescMessage> = {
    [TOPIC_SIGNALS]: SignalEnvelopeSchema,
    [TOPIC_FEEDBACK]: SignalFeedbackSchema,
  };

  it('describes dead letters as sealed bytes, never as a readable envelope', () => {
    const [message] = messagesOf(channelByAddress.get(TOPIC_SIGNALS_DLQ)!);
    expect(message!['x-protobuf-message']).toBeUndefined();
    expect(message!.contentType).toBe('application/octet-stream');
    expect(deref(message!.payload)).toMatchObject({ type: 'string', format: 'binary' });
    expect(message!.description).toMatch(/AES-256-GCM/);
    const headers = deref(message!.headers).properties as Record<string, Node>;
    expect(headers[topics.DLQ_HEADER_ENCRYPTION]).toMatchObject({ pattern: '^aes-256-gcm;key=[0-9a-f]{16}$' });
  });

  it.each(Object.entries(expectedMessage))(
    '%s carries %s as protobuf, with the fields of the generated code',
    (address, desc) => {
      const [message] = messagesOf(channelByAddress.get(address)!);
      expect(message!['x-protobuf-message']).toBe(desc.typeName);
      const payload = deref(message!.payload);
      expect(payload.schemaFormat).toBe(PROTOBUF_FORMAT);
      const proto = payload.schema as string;
      expect(proto).toMatch(/^syntax = "proto3";$/m);
      expect(proto).toMatch(new RegExp(`^package ${desc.file.proto.package};$`, 'm'));
      expect(protoFields(proto, desc.name)).toEqual(descriptorFields(desc));
      // Messages the top one holds are inlined too, with their own fields.
      for (const field of desc.fields) {
        if (field.fieldKind !== 'message' || field.message.file !== desc.file) continue;
        expect(protoFields(proto, field.message.name)).toEqual(descriptorFields(field.message));
      }
    },
  );

  it('inlines the FeedbackStatus values of the generated code', () => {
    const [message] = messagesOf(channelByAddress.get(TOPIC_FEEDBACK)!);
    const proto = deref(message!.payload).schema as string;
    expect(protoEnumValues(proto, FeedbackStatusSchema.name)).toEqual(enumValues(FeedbackStatusSchema));
  });

  it('describes the Kafka key of every message', () => {
    for (const channel of Object.values(channels)) {
      for (const message of messagesOf(channel)) {
        const key = (message.bindings as { kafka?: { key?: Node } } | undefined)?.kafka?.key;
        expect(key).toMatchObject({ type: 'string', description: expect.any(String) });
      }
    }
  });

  it('states the max.message.bytes the dead-letter topic is created with, as DLQ_MAX_MESSAGE_BYTES says', () => {
    const dlq = Object.values(channels).find((c) => c.address === TOPIC_SIGNALS_DLQ) as Node;
    const kafka = (dlq.bindings as { kafka?: Node } | undefined)?.kafka;
    expect((kafka?.topicConfiguration as Node | undefined)?.['max.message.bytes']).toBe(DLQ_MAX_MESSAGE_BYTES);
  });

  it('states the retention.ms every topic is created with, as DEFAULT_TOPIC_RETENTION_MS says', () => {
    expect(Object.keys(DEFAULT_TOPIC_RETENTION_MS).sort()).toEqual(constantsStartingWith('TOPIC_'));
    for (const channel of Object.values(channels)) {
      const kafka = (channel.bindings as { kafka?: Node } | undefined)?.kafka;
      const topicConfiguration = kafka?.topicConfiguration as Node | undefined;
      expect({ address: channel.address, retention: topicConfiguration?.['retention.ms'] }).toEqual({
        address: channel.address,
        retention: DEFAULT_TOPIC_RETENTION_MS[channel.address as string],
      });
    }
  });
});
