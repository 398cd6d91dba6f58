/**
 * A service's refusal as data: a code and the values it names. Every `conflict` and `not-found`
 * failure that a person can meet carries one, beside its English message (the CLI and the logs
 * print the message; the renderer words the refusal in the UI's language, renderer/i18n
 * `failure.refusals`). Later changes add codes, never sentences.
 */
import type { SheetStatus } from './sheet-status.ts';

export type Refusal =
  /** sheets.save on a sheet that is signed or approved: it changes only by an amendment. */
  | { code: 'sheet-not-editable'; name: string; period: string; status: SheetStatus }
  /** The sheet was saved elsewhere since the caller read it. */
  | { code: 'sheet-changed'; name: string; period: string; stored: number; edited: number };

export type RefusalCode = Refusal['code'];
