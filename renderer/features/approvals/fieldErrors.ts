/** A failed call's problems next to the fields they name, in the approvals dialogs. */
import { problemText } from '../../app/FailureAlert.tsx';
import { problemsAt, problemsOf } from '../../app/problems.ts';
import { useT } from '../../i18n/index.tsx';

/** The first message of a failed call about `field` (a comment too long, say). */
export function useFieldError(error: unknown, field: string): string | undefined {
  const t = useT();
  const problem = problemsAt(problemsOf(error), field)[0];
  return problem ? problemText(problem, t, false) : undefined;
}

/** Whether every problem of a failed call is about one of `fields` (each shown next to its field). */
export function fieldsOnly(error: unknown, fields: readonly string[]): boolean {
  const problems = problemsOf(error);
  return problems.length > 0 && problems.every((p) => fields.includes(p.field));
}
