import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { bearerTokenOptions, hasExpiry } from '@signaalhub/platform';
import { Strategy } from 'passport-jwt';
import { ConnectorsConfig } from '../config/connectors-config.js';

/** Who is calling: one creditor, in whose name alone it may submit and read. */
export interface CreditorPrincipal {
  creditorId: string;
}

/**
 * Bearer JWTs verified as the hub verifies them: signature (local public key or JWKS), `aud`, `iss`
 * when configured, and an `exp` that must be present and in the future. Any valid token passes here;
 * whether it is a creditor's is {@link creditorOf}, so a valid token of another role gets 403, not 401.
 */
@Injectable()
export class CreditorJwtStrategy extends PassportStrategy(Strategy, 'creditor-jwt') {
  constructor(@Inject(ConnectorsConfig) config: ConnectorsConfig) {
    super(bearerTokenOptions(config));
  }

  validate(claims: Record<string, unknown>): Record<string, unknown> | false {
    return hasExpiry(claims) ? claims : false;
  }
}

/** The form of a creditor id in tokens (and so of any creditor this connector can serve). */
export const CREDITOR_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** The creditor a token speaks for: role `creditor` and a `creditor` claim, or null. */
export function creditorOf(claims: unknown): CreditorPrincipal | null {
  if (typeof claims !== 'object' || claims === null) return null;
  const { roles, creditor } = claims as Record<string, unknown>;
  if (!Array.isArray(roles) || !roles.includes('creditor')) return null;
  if (typeof creditor !== 'string' || !CREDITOR_ID_PATTERN.test(creditor)) return null;
  return { creditorId: creditor };
}
