/** `rubric list` and `rubric show`: the built-in rubrics. */
import { BUILTIN_RUBRICS } from '../../../shared/rubric/catalog.ts';
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
    if (!id || positional.length > 1) throw new CliError('usage: scorecard rubric show ID [--json] [--lang zh|en]');
    const found = BUILTIN_RUBRICS.find((r) => r.id === id);
    if (!found) throw new CliError(`rubric "${id}" not found; built-in rubrics: ${BUILTIN_RUBRICS.map((r) => r.id).join(', ')}`);
    if (flags['--json']) return JSON.stringify(found, null, 2);
    return rubricAsText(found, languageFlag(flags));
  }
  throw new CliError('usage: scorecard rubric list | scorecard rubric show ID [--json] [--lang zh|en]');
}
