/**
 * A failed export. A wrong passphrase shows what is expected (in the UI's language) under a title
 * that says nothing was signed (the problem carries no value, the passphrase is never echoed, so
 * the generic "field: missing" form would mislead); anything else as FailureAlert shows it.
 */
import { ApiError } from '../../api/client.ts';
import { FailureAlert } from '../../app/FailureAlert.tsx';
import { ruleText } from '../../app/ruleText.ts';
import { useT } from '../../i18n/index.tsx';
import { passphraseProblem } from '../../app/SignerFields.tsx';

export function ExportFailure({ error }: { error: ApiError | null }) {
  const t = useT();
  const problem = passphraseProblem(error);
  if (problem) return <FailureAlert error={new ApiError({ kind: 'input', message: problem.rule ? ruleText(problem.rule, t) : problem.expected })} title={t.exporting.wrongPassphrase} />;
  return <FailureAlert error={error} />;
}
