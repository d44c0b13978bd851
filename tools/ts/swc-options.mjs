// One SWC configuration for every way TypeScript runs here: the runtime loader (apps, scripts,
// benchmarks) and Jest. Legacy decorators with metadata, because NestJS and TypeORM read the
// design-time types that `emitDecoratorMetadata` records.
export const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2023',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};
