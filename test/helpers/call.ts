/**
 * The tests' one way to call a handler: through `invoke`, so the input is validated by the
 * contract exactly as the app's own calls are, and typed by the contract (`InputOf<N>` in,
 * `ResultOf<N>` out). A test that sends a bad input on purpose uses `fail` (its input is
 * `unknown`) or `invoke` itself.
 */
import { invoke, type Handlers } from '../../electron/handlers.ts';
import type { HandlerName, InputOf, ResultOf } from '../../shared/api/contract.ts';
import type { ApiFailure, FailureKind } from '../../shared/api/types.ts';
import type { Problem } from '../../shared/problems.ts';
import type { Refusal } from '../../shared/refusals.ts';

/** A failed call as a thrown Error: `name: kind: message`, carrying the ApiFailure's data. */
export class CallError extends Error {
  readonly call: HandlerName;
  readonly failure: ApiFailure;
  readonly kind: FailureKind;
  readonly problems: Problem[] | undefined;
  readonly refusal: Refusal | undefined;
  constructor(call: HandlerName, failure: ApiFailure) {
    super(`${call}: ${failure.kind}: ${failure.message}`);
    this.name = 'CallError';
    this.call = call;
    this.failure = failure;
    this.kind = failure.kind;
    this.problems = failure.problems;
    this.refusal = failure.refusal;
  }
}

/** Call `name` with `input`; its result, or a thrown CallError. */
export async function call<N extends HandlerName>(h: Handlers, name: N, input: InputOf<N>): Promise<ResultOf<N>> {
  const r = await invoke(h, name, input);
  if (!r.ok) throw new CallError(name, r.error);
  return r.result as ResultOf<N>;
}

/**
 * Call `name` expecting a failure (a success throws, naming `what` was expected); the failure.
 * The input is any value: tests send bad ones.
 */
export async function fail(h: Handlers, name: HandlerName, input: unknown, what = ''): Promise<ApiFailure> {
  const r = await invoke(h, name, input);
  if (r.ok) throw new Error(`${name} succeeded, expected a failure${what ? ` (${what})` : ''}`);
  return r.error;
}

/** `call` and `fail` bound to one handler map, for tests that close over it. */
export function bind(h: Handlers) {
  return {
    call: <N extends HandlerName>(name: N, input: InputOf<N>): Promise<ResultOf<N>> => call(h, name, input),
    fail: (name: HandlerName, input: unknown, what = ''): Promise<ApiFailure> => fail(h, name, input, what),
  };
}
