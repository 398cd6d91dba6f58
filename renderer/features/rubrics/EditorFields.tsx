/** The editor's fields: each edits the draft at a path and shows the problems found exactly there. */
import TextField, { type TextFieldProps } from '@mui/material/TextField';
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

/**
 * A text field bound to the draft at `path`: `show` turns the value there into text, `parse`
 * the text typed into the value set; the problems there are its helper text.
 */
function PathField({
  path,
  show,
  parse,
  inputMode,
  ...props
}: { path: Path; show: (value: unknown) => string; parse: (text: string) => unknown; inputMode?: 'decimal' } & Pick<TextFieldProps, 'label' | 'disabled' | 'multiline' | 'sx'>) {
  const { draft, set } = useEditor();
  const shown = useFieldProblems(path);
  return (
    <TextField
      size="small"
      {...props}
      value={show(getIn(draft, path))}
      onChange={(e) => set(path, parse(e.target.value))}
      {...shown}
      slotProps={{ htmlInput: { inputMode, 'data-testid': `rf-${pathKey(path)}` }, inputLabel: { shrink: true } }}
    />
  );
}

export function NumField({ path, label, width = 110, optional = false }: { path: Path; label: string; width?: number; optional?: boolean }) {
  return (
    <PathField
      path={path}
      label={label}
      inputMode="decimal"
      show={(value) => (value === undefined || value === null ? '' : String(value))}
      // An emptied optional field leaves the definition; an emptied required one stays, to be named.
      parse={(text) => (optional ? numberFromText(text) : (numberFromText(text) ?? ''))}
      sx={{ width }}
    />
  );
}

export function StrField({ path, label, width, disabled = false, multiline = false }: { path: Path; label: string; width?: number; disabled?: boolean; multiline?: boolean }) {
  return (
    <PathField
      path={path}
      label={label}
      disabled={disabled}
      multiline={multiline}
      show={(value) => (typeof value === 'string' ? value : '')}
      parse={(text) => text}
      sx={width ? { width } : { flex: '1 1 220px', minWidth: 180 }}
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
