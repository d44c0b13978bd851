import { Controller, Get, Header, Inject, Optional } from '@nestjs/common';
import { HubConfig } from '../config/hub-config.js';
import { DEV_SIGN_IN, type DevSignIn } from './dev-sign-in.js';

/** How the console signs in here: read by the console at start, so one build serves every deployment. */
export type ConsoleSignIn =
  | { signIn: 'development' }
  | { signIn: 'oidc'; authority: string; clientId: string; scope: string }
  | { signIn: 'none' };

@Controller('console')
export class ConsoleController {
  constructor(
    @Inject(HubConfig) private readonly config: HubConfig,
    @Optional() @Inject(DEV_SIGN_IN) private readonly devSignIn?: DevSignIn,
  ) {}

  @Get('config')
  @Header('cache-control', 'no-store')
  signIn(): ConsoleSignIn {
    return consoleSignIn(this.config, this.devSignIn !== undefined);
  }
}

export function consoleSignIn(config: HubConfig, devSignIn: boolean): ConsoleSignIn {
  if (config.CONSOLE_OIDC_CLIENT_ID && config.AUTH_ISSUER) {
    return {
      signIn: 'oidc',
      authority: config.AUTH_ISSUER,
      clientId: config.CONSOLE_OIDC_CLIENT_ID,
      scope: config.CONSOLE_OIDC_SCOPE,
    };
  }
  return devSignIn ? { signIn: 'development' } : { signIn: 'none' };
}
