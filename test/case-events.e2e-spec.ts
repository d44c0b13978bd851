import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { Producer } from '@signaalhub/kafka';
import { loadReferenceData } from '@signaalhub/reference';
import { createClient, type Client } from 'graphql-ws';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { generateSignals } from '../apps/connectors/src/index.js';
import { HubWorld } from './support/hub-harness.js';

const SUBSCRIBE = 'subscription { caseEvents { caseId kind occurredAt } }';

interface Received {
  events: Array<{ caseId: string; kind: string }>;
  errors: unknown[];
  closed: number[];
}

describe('live case events over graphql-ws', () => {
  const world = new HubWorld('events', { seedCreditors: true });
  const reference = loadReferenceData();
  const clients: Client[] = [];
  let hub: INestApplication;
  let producer: Producer;
  let url: string;
  let seed = 100;

  /** A client that subscribes with `token` (no token: none sent) and records what it hears. */
  function subscriber(token: string | null): Received {
    const received: Received = { events: [], errors: [], closed: [] };
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: false,
      on: { closed: (event) => received.closed.push((event as CloseEvent).code) },
      onNonLazyError: () => undefined,
    });
    clients.push(client);
    client.subscribe<{ caseEvents: { caseId: string; kind: string } }>(
      { query: SUBSCRIBE },
      {
        next: (value) => {
          if (value.data) received.events.push(value.data.caseEvents);
          if (value.errors) received.errors.push(...value.errors);
        },
        error: (error) => received.errors.push(error),
        complete: () => undefined,
      },
    );
    return received;
  }

  /** Produces one signal for `municipality` and returns its case id once stored. */
  async function signalFor(municipality: string): Promise<string> {
    const signals = generateSignals(reference, { count: 1, municipalities: [municipality], seed: seed++ });
    await producer.send(world.topics.signals, world.records(signals));
    const ref = signals[0].signal.creditorSignalRef as string;
    const caseId = await world.eventually(
      async () =>
        (await world.db.query(`SELECT case_id FROM signal WHERE creditor_signal_ref = $1`, [ref])).rows[0]?.case_id as
          string | undefined,
      (id) => id !== undefined,
    );
    expect(caseId).toBeDefined();
    return caseId as string;
  }

  /** Signals until the subscriber hears one: from then on its subscription is known to be live. */
  async function untilLive(received: Received, municipality: string): Promise<void> {
    for (let attempt = 0; attempt < 20 && received.events.length === 0; attempt++) {
      const caseId = await signalFor(municipality);
      await world.eventually(
        async () => received.events.some((e) => e.caseId === caseId),
        (heard) => heard,
        3_000,
      );
    }
    expect(received.events.length).toBeGreaterThan(0);
  }

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    hub = await world.startHub();
    producer = await world.bus.createProducer();
    url = `ws://127.0.0.1:${(hub.getHttpServer().address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await world.close();
  });

  it('tells each worker of new cases of its own municipality only', async () => {
    const amsterdam = subscriber(await world.token({ roles: ['worker'], municipality: 'GM0363' }));
    const rotterdam = subscriber(await world.token({ roles: ['worker'], municipality: 'GM0599' }));
    await untilLive(amsterdam, 'GM0363');
    await untilLive(rotterdam, 'GM0599');

    const ours = await signalFor('GM0363');
    const theirs = await signalFor('GM0599');
    await world.eventually(
      async () => amsterdam.events.some((e) => e.caseId === ours) && rotterdam.events.some((e) => e.caseId === theirs),
      (both) => both,
    );
    expect(amsterdam.events.find((e) => e.caseId === ours)?.kind).toBe('SIGNAL_ADDED');
    const municipalityOf = async (ids: string[]) =>
      (await world.db.query(`SELECT DISTINCT municipality FROM signal_case WHERE id = ANY($1)`, [ids])).rows.map((r) =>
        (r.municipality as string).trim(),
      );
    expect(await municipalityOf(amsterdam.events.map((e) => e.caseId))).toEqual(['GM0363']);
    expect(await municipalityOf(rotterdam.events.map((e) => e.caseId))).toEqual(['GM0599']);
    expect(amsterdam.errors).toEqual([]);
  });

  it('refuses a connection without a token, and a role that may not subscribe', async () => {
    const anonymous = subscriber(null);
    await world.eventually(
      async () => anonymous.closed.length,
      (n) => n > 0,
    );
    expect(anonymous.closed[0]).toBe(4403);

    const operator = subscriber(await world.token({ roles: ['operator'] }));
    await world.eventually(
      async () => operator.errors.length,
      (n) => n > 0,
    );
    expect(JSON.stringify(operator.errors)).toContain('FORBIDDEN');
    expect(operator.events).toEqual([]);
  });

  it('closes the socket when the token expires', async () => {
    const shortLived = subscriber(await world.token({ roles: ['worker'], municipality: 'GM0363', expiresIn: 2 }));
    const closed = await world.eventually(
      async () => shortLived.closed,
      (codes) => codes.length > 0,
      15_000,
    );
    expect(closed[0]).toBe(4401);
  });
});
