import type { NestExpressApplication } from '@nestjs/platform-express';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

interface Response {
  headersSent: boolean;
  status(code: number): Response;
  json(body: unknown): void;
}

/**
 * JSON bodies up to `limit` bytes, and a JSON 413 above it. Express' body parser refuses a larger
 * body before any route runs, so Nest's exception filters never see it; left alone, the client would
 * get Express' HTML error page.
 */
export function limitJsonBodies(app: NestExpressApplication, limit: number): void {
  app.useBodyParser('json', { limit });
  app.use((error: BodyParserError, _request: unknown, response: Response, next: (error?: unknown) => void) => {
    if (response.headersSent || typeof error !== 'object' || error === null) return next(error);
    if (error.type === 'entity.too.large') {
      response.status(413).json({
        statusCode: 413,
        error: 'Payload Too Large',
        message: `the request body is larger than ${limit} bytes; send the signals in smaller batches`,
      });
      return;
    }
    if (error.type === 'entity.parse.failed') {
      response
        .status(400)
        .json({ statusCode: 400, error: 'Bad Request', message: 'the request body is not valid JSON' });
      return;
    }
    next(error);
  });
}
