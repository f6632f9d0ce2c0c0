/**
 * @module server/main
 * The relay process: configuration from the environment, one JSON log line per event on
 * stdout, and a graceful stop on SIGTERM/SIGINT (exit 0 once every commit is finished, every
 * socket closed with 1012 and the database closed). A second signal exits at once.
 */
import { createRelayServer } from './app';
import { readRelayConfig } from './config';
import { createJsonLog } from './log';

const config = readRelayConfig(process.env);
if (!config.ok) {
  process.stderr.write(`Relay configuration error:\n${config.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  process.exit(1);
}
const { port, host, dataDir, logLevel, limits, blobLimits } = config.value;
const log = createJsonLog(logLevel);

try {
  const server = await createRelayServer({ port, host, dataDir, limits, log, blobLimits });
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log('warn', 'shutdown_forced', { signal });
      process.exit(1);
    }
    stopping = true;
    log('info', 'signal', { signal });
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log('error', 'shutdown_failed', { error: error instanceof Error ? error.message : String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  log('error', 'startup_failed', { error: error instanceof Error ? error.message : String(error) });
  process.stderr.write(`Relay failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
