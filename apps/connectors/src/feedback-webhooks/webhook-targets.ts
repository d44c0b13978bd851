import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CREDITOR_ID_PATTERN } from '../rest-ingress/creditor-jwt.strategy.js';

/** Where one creditor's feedback is delivered, and the secret its signatures are made with. */
export interface WebhookTarget {
  url: string;
  secret: string;
}

/** A webhooks file that cannot be used; the connectors refuse to start with it. */
export class WebhookConfigError extends Error {
  override readonly name = 'WebhookConfigError';
}

const MIN_SECRET_LENGTH = 32;

/**
 * Parses the webhooks file: `{ "<creditorId>": { "url": "https://…", "secretFile": "path" } }`.
 * A relative `secretFile` is relative to the webhooks file. Secrets live in their own files so the
 * mapping can be shared or logged without them. Every problem is collected, so one start shows all.
 * @throws {WebhookConfigError}
 */
export function parseWebhookTargets(
  text: string,
  options: { production: boolean; baseDir: string; readSecret?: (path: string) => string },
): Map<string, WebhookTarget> {
  const readSecret = options.readSecret ?? ((path: string) => readFileSync(path, 'utf8'));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new WebhookConfigError('the feedback webhooks file is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new WebhookConfigError('the feedback webhooks file must be a JSON object keyed by creditor id');
  }
  const problems: string[] = [];
  const targets = new Map<string, WebhookTarget>();
  for (const [creditorId, entry] of Object.entries(parsed)) {
    const where = `creditor ${JSON.stringify(creditorId.slice(0, 64))}`;
    if (!CREDITOR_ID_PATTERN.test(creditorId)) {
      // An id no creditor token can carry: its parked deliveries could never be seen.
      problems.push(`${where}: not a creditor id`);
      continue;
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${where}: must be an object with url and secretFile`);
      continue;
    }
    const { url, secretFile, ...rest } = entry as Record<string, unknown>;
    if (Object.keys(rest).length > 0) problems.push(`${where}: unknown fields ${Object.keys(rest).join(', ')}`);
    const urlProblem = checkUrl(url, options.production);
    if (urlProblem) problems.push(`${where}: ${urlProblem}`);
    if (typeof secretFile !== 'string' || secretFile === '') {
      problems.push(`${where}: secretFile is required`);
      continue;
    }
    let secret: string;
    try {
      secret = readSecret(resolve(options.baseDir, secretFile)).trim();
    } catch {
      problems.push(`${where}: secretFile cannot be read`);
      continue;
    }
    if (secret.length < MIN_SECRET_LENGTH) {
      problems.push(`${where}: the secret must be at least ${MIN_SECRET_LENGTH} characters`);
      continue;
    }
    if (!urlProblem) targets.set(creditorId, { url: url as string, secret });
  }
  if (problems.length > 0) throw new WebhookConfigError(`Invalid feedback webhooks:\n  - ${problems.join('\n  - ')}`);
  return targets;
}

function checkUrl(url: unknown, production: boolean): string | null {
  if (typeof url !== 'string') return 'url is required';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'url is not a URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'url must be http(s)';
  if (production && parsed.protocol !== 'https:') return 'url must be https in production';
  // Credentials in the URL would end up in places URLs are shown; the signature authenticates instead.
  if (parsed.username || parsed.password) return 'url must not carry credentials';
  return null;
}

/** Reads and parses the file named by FEEDBACK_WEBHOOKS_FILE. @throws {WebhookConfigError} */
export function loadWebhookTargets(file: string, production: boolean): Map<string, WebhookTarget> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new WebhookConfigError('FEEDBACK_WEBHOOKS_FILE cannot be read');
  }
  return parseWebhookTargets(text, { production, baseDir: dirname(resolve(file)) });
}
