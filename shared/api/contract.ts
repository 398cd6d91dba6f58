/**
 * The API contract: one typed map of handler names to input schema and result type. The
 * renderer (over IPC or HTTP), the CLI and the tests all speak it; the backend validates every
 * input against it before a service runs.
 */
import { z } from 'zod';
import { parsePeriod, PERIOD_EXPECTED } from '../period.ts';
import { InputError, zodProblems } from '../problems.ts';
import { ROLE_IDS, type Rubric } from '../rubric/schema.ts';
import { CHAIN_ROLES, LANGUAGES, SHEET_STATUSES } from './types.ts';
import type { AppInfo, AuditEntry, Language, MonthRow, Person, Region, RosterPreview, SheetRecord, User } from './types.ts';

const period = z.string().refine((text) => parsePeriod(text) !== null, PERIOD_EXPECTED);
const id = z.number().int().positive();
const name = z.string().trim().min(1, 'a non-empty text').max(100, 'at most 100 characters');
const empty = z.strictObject({});
/** A file sent to the backend: its name and bytes (base64; the renderer has no file system). */
const upload = z.strictObject({ fileName: z.string().min(1).max(260), dataBase64: z.string().max(14_000_000, 'a file of at most 10 MB') });

/** The score sheet part a manager edits; checked in depth against the rubric by the service. */
const sheetEntry = z.strictObject({
  items: z.record(z.string(), z.unknown()).optional(),
  absences: z.array(z.unknown()).optional(),
  handIns: z.record(z.string(), z.unknown()).optional(),
});

function handler<I extends z.ZodType, R>(input: I) {
  return { input, result: undefined as unknown as R };
}

export const contract = {
  'app.info': handler<typeof empty, AppInfo>(empty),
  'user.set': handler<z.ZodType<User>, User>(z.strictObject({ name, chainRole: z.enum(CHAIN_ROLES), regionId: id.nullable() })),
  'settings.setLanguage': handler<z.ZodType<{ language: Language }>, { language: Language }>(z.strictObject({ language: z.enum(LANGUAGES) })),

  'regions.list': handler<typeof empty, Region[]>(empty),
  'regions.save': handler<z.ZodType<{ id?: number; code: string; name: string }>, Region>(
    z.strictObject({ id: id.optional(), code: z.string().trim().regex(/^[A-Za-z0-9-]{1,20}$/, 'letters, digits and "-", at most 20'), name }),
  ),
  'regions.setActive': handler<z.ZodType<{ id: number; active: boolean }>, Region>(z.strictObject({ id, active: z.boolean() })),

  'people.list': handler<z.ZodType<{ includeInactive?: boolean }>, Person[]>(z.strictObject({ includeInactive: z.boolean().optional() })),
  'people.save': handler<z.ZodType<Omit<Person, 'id'> & { id?: number }>, Person>(
    z.strictObject({
      id: id.optional(),
      employeeNo: z.string().trim().regex(/^[A-Za-z0-9-]{1,20}$/, 'letters, digits and "-", at most 20'),
      name,
      role: z.enum(ROLE_IDS),
      regionId: id.nullable(),
      managerId: id.nullable(),
      activeFrom: period,
      activeTo: period.nullable(),
    }),
  ),
  'people.deactivate': handler<z.ZodType<{ id: number; activeTo: string }>, Person>(z.strictObject({ id, activeTo: period })),
  'roster.preview': handler<typeof upload, RosterPreview>(upload),
  'roster.import': handler<typeof upload, { added: number; updated: number; unchanged: number }>(upload),

  'rubrics.list': handler<typeof empty, Rubric[]>(empty),

  'sheets.month': handler<z.ZodType<{ period: string }>, MonthRow[]>(z.strictObject({ period })),
  'sheets.get': handler<z.ZodType<{ personId: number; period: string }>, SheetRecord>(z.strictObject({ personId: id, period })),
  'sheets.save': handler<
    z.ZodType<{ personId: number; period: string; entry: z.infer<typeof sheetEntry>; status: (typeof SHEET_STATUSES)[number]; expectedRevision: number }>,
    SheetRecord
  >(z.strictObject({ personId: id, period, entry: sheetEntry, status: z.enum(SHEET_STATUSES), expectedRevision: z.number().int().min(0) })),

  'demo.load': handler<typeof empty, { regions: number; people: number; sheets: number }>(empty),
  'audit.list': handler<z.ZodType<{ limit?: number }>, AuditEntry[]>(z.strictObject({ limit: z.number().int().min(1).max(1000).optional() })),
} as const;

export type Contract = typeof contract;
export type HandlerName = keyof Contract;
export type InputOf<N extends HandlerName> = z.infer<Contract[N]['input']>;
export type ResultOf<N extends HandlerName> = Contract[N]['result'];

export const HANDLER_NAMES = Object.keys(contract) as HandlerName[];

export function isHandlerName(name: unknown): name is HandlerName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** Validate a call's input against the contract; throws InputError naming every problem. */
export function parseInput<N extends HandlerName>(name: N, raw: unknown): InputOf<N> {
  const parsed = contract[name].input.safeParse(raw === undefined ? {} : raw);
  if (parsed.success) return parsed.data as InputOf<N>;
  throw new InputError(zodProblems(parsed.error, raw), name);
}
