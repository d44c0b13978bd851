import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { bearerTokenOptions, hasExpiry } from '@signaalhub/platform';
import { Strategy } from 'passport-jwt';
import { HubConfig } from '../config/hub-config.js';
import { REFERENCE_DATA, type ReferenceData } from '../reference/reference.module.js';
import { principalFromClaims, type Principal } from './principal.js';

/**
 * Bearer JWTs, verified against the municipality's OIDC provider (JWKS) or a local public key
 * in development (libs/platform `bearerTokenOptions`: signature, `aud`, `iss` when configured, and
 * an `exp` that must be present and in the future), then turned into a principal.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly mergers: ReferenceData['mergers'];

  constructor(@Inject(HubConfig) config: HubConfig, @Inject(REFERENCE_DATA) reference: ReferenceData) {
    super(bearerTokenOptions(config));
    this.mergers = reference.mergers;
  }

  validate(claims: Record<string, unknown>): Principal | false {
    if (!hasExpiry(claims)) return false;
    return principalFromClaims(claims, this.mergers) ?? false;
  }
}
