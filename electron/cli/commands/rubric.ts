/** `rubric list` and `rubric show`: the built-in rubrics, every version. */
import { currentPeriod } from '../../../shared/period.ts';
import { BUILTIN_RUBRICS, resolveRubric } from '../../../shared/rubric/catalog.ts';
import { rubricAsText } from '../../../shared/rubric/describe.ts';
import { CliError, languageFlag, parseFlags } from '../args.ts';

export function rubric(args: readonly string[]): string {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    return BUILTIN_RUBRICS.map((r) => `${r.id}@${r.version}\t${r.title.zh} / ${r.title.en}\t${r.hash}`).join('\n');
  }
  if (sub === 'show') {
    const { positional, flags } = parseFlags(rest, ['--json'], ['--lang']);
    const [id] = positional;
    if (!id || positional.length > 1) throw new CliError('usage: scorecard rubric show ID[@VERSION] [--json] [--lang zh|en]');
    // A bare id: the newest version in force this month, as a sheet started now would take.
    const resolved = resolveRubric(id, currentPeriod());
    if (!resolved.ok) throw new CliError(`rubric "${id}" not found; built-in rubrics: ${BUILTIN_RUBRICS.map((r) => `${r.id}@${r.version}`).join(', ')}`);
    const found = resolved.rubric;
    if (flags['--json']) return JSON.stringify(found, null, 2);
    return rubricAsText(found, languageFlag(flags));
  }
  throw new CliError('usage: scorecard rubric list | scorecard rubric show ID[@VERSION] [--json] [--lang zh|en]');
}
