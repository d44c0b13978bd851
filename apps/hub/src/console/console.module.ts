import { type DynamicModule, Module } from '@nestjs/common';
import type { HubConfig } from '../config/hub-config.js';
import { ConsoleController } from './console.controller.js';
import { DEV_SIGN_IN, type DevSignIn } from './dev-sign-in.js';
import { DevSignInController } from './dev-sign-in.controller.js';

/**
 * The console's endpoints beside its static files: its sign-in configuration and, outside
 * production only, the development sign-in. A production hub ignores a DevSignIn handed to it.
 */
@Module({})
export class ConsoleModule {
  static forRoot(config: HubConfig, devSignIn?: DevSignIn): DynamicModule {
    const development = devSignIn !== undefined && config.NODE_ENV !== 'production';
    return {
      module: ConsoleModule,
      controllers: development ? [ConsoleController, DevSignInController] : [ConsoleController],
      providers: development ? [{ provide: DEV_SIGN_IN, useValue: devSignIn }] : [],
    };
  }
}
