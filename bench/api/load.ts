// Closed-loop load on loopback: C clients over one keep-alive agent, each sending its next request
// as soon as the previous answered, until R requests were sent or S seconds passed.
import http from 'node:http';
import { now } from './support.js';

export interface LoadResult {
  clients: number;
  /** Latency of each successful request, ms. */
  latencies: number[];
  seconds: number;
  errors: number;
  firstError: string | null;
}

export interface LoadPlan {
  port: number;
  token: string;
  clients: number;
  maxRequests: number;
  maxSeconds: number;
  /** The GraphQL request body of the i-th request. */
  body: (i: number) => string;
}

export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.clients });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let issued = 0;
  const t0 = now();
  const deadline = t0 + plan.maxSeconds * 1000;
  const client = async () => {
    while (issued < plan.maxRequests && now() < deadline) {
      const body = plan.body(issued++);
      const started = now();
      const problem = await post(agent, plan, body);
      if (problem === null) latencies.push(now() - started);
      else {
        errors++;
        firstError ??= problem;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: plan.clients }, client));
  } finally {
    agent.destroy();
  }
  return { clients: plan.clients, latencies, seconds: (now() - t0) / 1000, errors, firstError };
}

/** One GraphQL POST; null when it answered 200 with data and no errors, else what went wrong. */
function post(agent: http.Agent, plan: LoadPlan, body: string): Promise<string | null> {
  return new Promise((resolve) => {
    const request = http.request(
      {
        agent,
        host: '127.0.0.1',
        port: plan.port,
        path: '/graphql',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${plan.token}`,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode !== 200) return resolve(`HTTP ${response.statusCode}: ${text.slice(0, 300)}`);
          const parsed = JSON.parse(text) as { errors?: unknown[]; data?: unknown };
          resolve(parsed.errors?.length || !parsed.data ? JSON.stringify(parsed.errors).slice(0, 300) : null);
        });
        response.on('error', (error) => resolve(String(error)));
      },
    );
    request.on('error', (error) => resolve(String(error)));
    request.end(body);
  });
}

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
