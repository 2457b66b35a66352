import { Readable } from 'node:stream';
import { NodeHttpHandler } from '@smithy/node-http-handler';

type HttpRequest = Parameters<NodeHttpHandler['handle']>[0];
type HandlerOptions = Parameters<NodeHttpHandler['handle']>[1];
type HandlerResult = Awaited<ReturnType<NodeHttpHandler['handle']>>;

/** What to do with one request, decided per DynamoDB operation and call count. */
export type Fault = 'pass' | 'throttle' | 'half-unprocessed' | 'all-unprocessed';

async function readStream(body: unknown): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): HandlerResult {
  const text = JSON.stringify(body);
  return {
    response: {
      statusCode,
      reason: statusCode === 200 ? 'OK' : 'Bad Request',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(Buffer.byteLength(text)), ...headers },
      body: Readable.from([Buffer.from(text)]),
    } as HandlerResult['response'],
  };
}

/**
 * A request handler for the SDK that wraps the real NodeHttpHandler and can
 * corrupt the conversation the way AWS does under load: answer with
 * ProvisionedThroughputExceededException, or have BatchWriteItem write only
 * part of a batch and return the rest as UnprocessedItems. Neither embedded
 * server ever does that on its own. Everything else goes to the real server.
 */
export class FaultInjectingHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };
  readonly calls = new Map<string, number>();
  private readonly inner = new NodeHttpHandler();

  constructor(private readonly decide: (operation: string, call: number) => Fault) {}

  async handle(request: HttpRequest, options?: HandlerOptions): Promise<HandlerResult> {
    const target = String(request.headers['x-amz-target'] ?? request.headers['X-Amz-Target'] ?? '');
    const operation = target.split('.').pop() ?? '';
    const call = (this.calls.get(operation) ?? 0) + 1;
    this.calls.set(operation, call);
    const fault = this.decide(operation, call);

    if (fault === 'throttle') {
      return jsonResponse(
        400,
        { __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'The level of configured provisioned throughput for the table was exceeded.' },
        { 'x-amzn-errortype': 'ProvisionedThroughputExceededException' },
      );
    }
    if (operation === 'BatchWriteItem' && (fault === 'half-unprocessed' || fault === 'all-unprocessed')) {
      const input = JSON.parse(String(request.body)) as { RequestItems: Record<string, unknown[]> };
      const [table, writes] = Object.entries(input.RequestItems)[0] as [string, unknown[]];
      const keep = fault === 'all-unprocessed' ? 0 : Math.ceil(writes.length / 2);
      const unprocessed = writes.slice(keep);
      if (keep === 0) return jsonResponse(200, { UnprocessedItems: { [table]: unprocessed } });
      // Forward only the first part; the servers here do not check signatures, so the body may change.
      const body = JSON.stringify({ ...input, RequestItems: { [table]: writes.slice(0, keep) } });
      const forwarded = { ...request, headers: { ...request.headers, 'content-length': String(Buffer.byteLength(body)) }, body } as unknown as HttpRequest;
      const { response } = await this.inner.handle(forwarded, options);
      const output = JSON.parse(await readStream(response.body)) as { UnprocessedItems?: Record<string, unknown[]> };
      return jsonResponse(response.statusCode, {
        ...output,
        UnprocessedItems: { [table]: [...(output.UnprocessedItems?.[table] ?? []), ...unprocessed] },
      });
    }
    return this.inner.handle(request, options);
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {
    this.inner.destroy();
  }
}
