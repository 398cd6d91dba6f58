/** `score`, `pay`, `annual`: the shared engines on a JSON input (a file, or - for standard input). */
import { computeAnnualInput } from '../../../shared/annual.ts';
import { computePayInput } from '../../../shared/pay.ts';
import { scoreInput } from '../../../shared/scoring/engine.ts';
import { json, readJsonArg, type Io } from '../io.ts';

export async function score(args: readonly string[], io: Io): Promise<string> {
  return json(scoreInput(await readJsonArg(args, io, 'score')));
}

export async function pay(args: readonly string[], io: Io): Promise<string> {
  return json(computePayInput(await readJsonArg(args, io, 'pay')));
}

export async function annual(args: readonly string[], io: Io): Promise<string> {
  return json(computeAnnualInput(await readJsonArg(args, io, 'annual')));
}
