import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import dynalite from 'dynalite';
import type { Logger } from '../lib/log.js';
import { createInFlight } from './in-flight.js';

/*
 * The local runtime's database: dynalite on the data folder, closed only once
 * no request is inside it. Dynalite throws, uncaught, from the request that
 * meets its closed store ("Database is closed") and from a request whose client
 * hung up mid-body ("aborted"): both happen when a solve worker is stopped
 * mid-write. Here each request is counted until it is answered, and a hang-up
 * is logged instead of thrown.
 */
export interface LocalDatabase {
  endpoint: string;
  /** Waits (bounded) for the requests inside the database to be answered, then closes it. */
  close(): Promise<void>;
}

/** How long closing waits for requests still inside the database. */
const CLOSE_WAIT_MS = 10_000;

export async function startDatabase(dataDir: string, log: Logger): Promise<LocalDatabase> {
  const server: Server = dynalite({ path: resolve(dataDir, 'dynamodb'), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const inside = createInFlight();
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    const done = inside.begin();
    response.once('finish', done);
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    // The answer is written (or thrown away with its socket): the request is out of the database.
    response.end = ((...args: unknown[]) => {
      done();
      return end(...args);
    }) as ServerResponse['end'];
    // A client that hangs up mid-body (a stopped worker) ends the request unanswered: log it, never throw.
    const on = request.on.bind(request);
    request.on = ((event: string, listener: (...args: unknown[]) => void) =>
      on(event, event !== 'error' ? listener : (error: unknown) => {
        done();
        log.warn('database request abandoned by its client', { error });
      })) as IncomingMessage['on'];
  });
  await new Promise<void>((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', done));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      const waited = await Promise.race([inside.idle().then(() => true), new Promise<false>((done) => setTimeout(() => done(false), CLOSE_WAIT_MS).unref())]);
      if (!waited) log.warn('database closed with requests still inside it', { requests: inside.count });
      // Nothing is inside now: keep-alive connections would only hold the close for their timeout.
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
