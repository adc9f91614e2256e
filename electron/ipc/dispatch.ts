import { CONTRACT, fail, isChannel, ok, type Channel, type Result } from '../../shared/contracts';
import { isSealcaseError } from '../../shared/errors';
import type { HandlerTable } from './handlers';

function describeZodIssue(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  const first = issues[0];
  if (first === undefined) return 'invalid payload';
  const field = first.path.length > 0 ? first.path.map(String).join('.') : '(payload)';
  return `field ${field}: ${first.message}`;
}

async function run<C extends Channel>(
  handlers: HandlerTable,
  channel: C,
  payload: unknown,
): Promise<Result<unknown>> {
  const contract = CONTRACT[channel];
  const request = contract.request.safeParse(payload);
  if (!request.success) {
    return fail('INVALID_PAYLOAD', `${channel}: ${describeZodIssue(request.error.issues)}`);
  }
  const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
  let value: unknown;
  try {
    value = await handler(request.data);
  } catch (error) {
    if (isSealcaseError(error)) return fail(error.code, error.message);
    return fail(
      'INTERNAL',
      `${channel}: ${error instanceof Error ? error.message : describeThrown(error)}`,
    );
  }
  const response = contract.response.safeParse(value);
  if (!response.success) {
    return fail('INVALID_RESPONSE', `${channel}: ${describeZodIssue(response.error.issues)}`);
  }
  return ok(response.data);
}

/**
 * Validates the channel and the payload, runs the handler and wraps whatever happens in the
 * result envelope. Never throws: a bad call changes nothing and says why.
 */
export async function dispatch(
  handlers: HandlerTable,
  channel: unknown,
  payload: unknown,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    // JSON.stringify throws on a bigint or a cycle, so only strings are quoted.
    const name =
      typeof channel === 'string' ? JSON.stringify(channel) : `of type ${typeof channel}`;
    return fail('UNKNOWN_CHANNEL', `no channel named ${name}`);
  }
  return run(handlers, channel, payload);
}

/** `String(x)` throws for a null-prototype object; a thrown non-Error must not break dispatch. */
function describeThrown(value: unknown): string {
  try {
    return String(value);
  } catch {
    return `a thrown ${typeof value}`;
  }
}
