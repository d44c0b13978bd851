// Types for the build script (tools/build/build.ts), which compiles with these same options.
import type { Es6Config, JscConfig, Options } from '@swc/core';

export declare const swcOptions: Options & { jsc: JscConfig; module: Es6Config };
