/**
 * One handler call over HTTP, as the renderer makes it (renderer/api/client.ts): POST /api/invoke
 * with the session token, typed by the contract (`InputOf<N>` in, `ResultOf<N>` out).
 */
import type { HandlerName, InputOf, ResultOf } from '../../shared/api/contract.ts';
import type { ApiFailure } from '../../shared/api/types.ts';

/** The body browser mode answers: the result, or the failure. */
export type HttpAnswer<N extends HandlerName> = { ok: true; result: ResultOf<N> } | { ok: false; error: ApiFailure };

/** The answer as it came, success or failure; the input is any value (tests send bad ones). */
export async function callHttpRaw<N extends HandlerName>(origin: string, token: string, name: N, input: unknown): Promise<HttpAnswer<N>> {
  const res = await fetch(`${origin}/api/invoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, Origin: origin },
    body: JSON.stringify({ name, input }),
  });
  return (await res.json()) as HttpAnswer<N>;
}

/** The result; a failure throws `name: kind: message` (then its problems and refusal, if any, as JSON). */
export async function callHttp<N extends HandlerName>(origin: string, token: string, name: N, input: InputOf<N>): Promise<ResultOf<N>> {
  const answer = await callHttpRaw(origin, token, name, input);
  if (answer.ok) return answer.result;
  const { kind, message, problems, refusal } = answer.error;
  const data = problems || refusal ? ` ${JSON.stringify({ problems, refusal })}` : '';
  throw new Error(`${name}: ${kind}: ${message}${data}`);
}
