// The process that keeps the local stack's PostgreSQL: forked by startPostgresApart in a process
// group of its own, so the terminal's Ctrl-C reaches only the command that started it, which then
// stops the hub first and asks this process to stop PostgreSQL last.
import { startEmbeddedPostgres, type EmbeddedPostgresOptions, type PostgresServer } from './postgres.js';

type Request = { start: EmbeddedPostgresOptions } | { stop: true };

let server: PostgresServer | undefined;
let stopping: Promise<void> | undefined;

function stop(): Promise<void> {
  stopping ??= (async () => {
    await server?.stop().catch((error: Error) => process.stderr.write(`[postgres] stop: ${error.message}\n`));
    process.exit(0);
  })();
  return stopping;
}

// Interrupts are for the command that started us; it says when to stop.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => void stop());
// The command that started us is gone (crashed, killed): PostgreSQL goes too, never orphaned.
process.on('disconnect', () => void stop());
process.on('message', (request: Request) => {
  if ('stop' in request) {
    void stop();
    return;
  }
  startEmbeddedPostgres(request.start).then(
    (started) => {
      server = started;
      process.send?.({ url: started.url });
    },
    (error: Error) => process.send?.({ error: error.message }),
  );
});
