/**
 * Baseline server for the benchmarks: @hocuspocus/server 4.x with its defaults (in memory, no
 * persistence extension). Env PORT and HOST. Started by bench/run.ts as
 * `node --import tsx bench/servers/hocuspocus.ts`; stops on SIGTERM/SIGINT (stopOnSignals).
 */
import { Server } from '@hocuspocus/server';

const port = Number(process.env.PORT ?? '1234');
const address = process.env.HOST ?? '127.0.0.1';

const server = new Server({ port, address, quiet: true });
await server.listen();
process.stdout.write(`hocuspocus listening on ${address}:${port}\n`);
