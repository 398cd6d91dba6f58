/** The editor's fields: each edits the draft at a path and shows the problems found exactly there. */
import TextField from '@mui/material/TextField';
import { createContext, useContext } from 'react';
import type { Problem } from '../../../shared/problems.ts';
import { SelectField, type Option } from '../../app/SelectField.tsx';
import { getIn, numberFromText, pathKey, problemsAtPath, type Draft, type Path } from './editorState.ts';

export interface EditorContextValue {
  draft: Draft;
  problems: readonly Problem[];
  set: (path: Path, value: unknown) => void;
  /** Ids of the version being edited: an item added now may still get another id. */
  baseIds: ReadonlySet<string>;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor outside the rubric editor');
  return value;
}

/** The problems at `path` as helper text (the `expected` part: the field is the one shown). */
function useFieldProblems(path: Path): { error: boolean; helperText: string | undefined } {
  const { problems } = useEditor();
  const here = problemsAtPath(problems, path);
  return { error: here.length > 0, helperText: here.length ? here.map((p) => p.expected).join('; ') : undefined };
}

const testId = (path: Path) => ({ 'data-testid': `rf-${pathKey(path)}` });

export function NumField({ path, label, width = 110, optional = false }: { path: Path; label: string; width?: number; optional?: boolean }) {
  const { draft, set } = useEditor();
  const value = getIn(draft, path);
  const shown = useFieldProblems(path);
  return (
    <TextField
      size="small"
      label={label}
      value={value === undefined || value === null ? '' : String(value)}
      // An emptied optional field leaves the definition; an emptied required one stays, to be named.
      onChange={(e) => set(path, optional ? numberFromText(e.target.value) : (numberFromText(e.target.value) ?? ''))}
      {...shown}
      sx={{ width }}
      slotProps={{ htmlInput: { inputMode: 'decimal', ...testId(path) }, inputLabel: { shrink: true } }}
    />
  );
}

export function StrField({ path, label, width, disabled = false, multiline = false }: { path: Path; label: string; width?: number; disabled?: boolean; multiline?: boolean }) {
  const { draft, set } = useEditor();
  const value = getIn(draft, path);
  const shown = useFieldProblems(path);
  return (
    <TextField
      size="small"
      label={label}
      value={typeof value === 'string' ? value : ''}
      disabled={disabled}
      multiline={multiline}
      onChange={(e) => set(path, e.target.value)}
      {...shown}
      sx={width ? { width } : { flex: '1 1 220px', minWidth: 180 }}
      slotProps={{ htmlInput: testId(path), inputLabel: { shrink: true } }}
    />
  );
}

/** A `{ zh, en }` text: two fields side by side. */
export function TextPair({ path, labels, multiline = false }: { path: Path; labels: [string, string]; multiline?: boolean }) {
  return (
    <>
      <StrField path={[...path, 'zh']} label={labels[0]} multiline={multiline} />
      <StrField path={[...path, 'en']} label={labels[1]} multiline={multiline} />
    </>
  );
}

export function ChoiceField({ path, label, value, options, onChange, width = 220 }: { path: Path; label: string; value: string; options: readonly Option[]; onChange: (v: string) => void; width?: number }) {
  const shown = useFieldProblems(path);
  return <SelectField size="small" label={label} value={value} options={options} onChange={onChange} testId={`rf-${pathKey(path)}`} {...shown} sx={{ width }} />;
}
