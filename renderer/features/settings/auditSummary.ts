/**
 * An audit entry in words, in the current language: what kind of change, to what, and a short
 * summary of the change (the full before / after stays available as JSON).
 */
import type { AuditEntry } from '../../../shared/api/types.ts';
import { AUDIT_ACTIONS, type AuditAction } from '../../../shared/audit.ts';
import { isChainRole } from '../../../shared/chain.ts';
import { isDepartmentId } from '../../../shared/departments.ts';
import { score } from '../../app/format.ts';
import type { Messages } from '../../i18n/en.ts';

/** What the actor column holds for changes made before anyone said who they are. */
export const ACTOR_NOT_SET = '(not set)';

export interface AuditLookups {
  /** An item's or group's title, by the rubric a sheet names (`salesperson@1`). */
  itemTitle: (rubric: string, id: string) => string;
  regionName: (id: number) => string | undefined;
  personName: (id: number) => string | undefined;
}

type Data = Record<string, unknown>;

function isData(value: unknown): value is Data {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function data(value: unknown): Data {
  return isData(value) ? value : {};
}

/** JSON with sorted keys: the same value gives the same text whatever its key order. */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : isData(v) ? Object.fromEntries(Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => [k, sort(v[k])])) : v;
  return JSON.stringify(sort(value)) ?? '';
}

/** An empty entry ({} or []) records nothing, as a missing one. */
function recorded(value: unknown): unknown {
  return (isData(value) && Object.keys(value).length === 0) || (Array.isArray(value) && value.length === 0) ? undefined : value;
}

function str(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** "A, B, C and 2 more" */
function list(names: readonly string[], t: Messages, max = 3): string {
  const shown = names.slice(0, max).join(t.settings.listSeparator);
  return names.length > max ? `${shown} ${t.settings.more(names.length - max)}` : shown;
}

const KNOWN_ACTIONS: ReadonlySet<string> = new Set(AUDIT_ACTIONS);
const isAuditAction = (action: string): action is AuditAction => KNOWN_ACTIONS.has(action);

function change(before: string, after: string): string {
  return before === after ? after : `${before} → ${after}`;
}

export function auditAction(action: string, t: Messages): string {
  return isAuditAction(action) ? t.audit.actions[action] : action;
}

export function auditActor(actor: string, t: Messages): string {
  return actor === ACTOR_NOT_SET || actor.trim() === '' ? t.settings.notSet : actor;
}

/** The thing changed: "孙明 (F-101)", "孙明 · 2026-10", "华东区 (EAST)". */
export function auditEntity(entry: AuditEntry, t: Messages): string {
  const value = data(entry.after ?? entry.before);
  const labelled = (name: unknown, code: unknown) => (str(name) ? (str(code) ? `${str(name)} (${str(code)})` : str(name)) : `${entry.entity} ${entry.entityId}`);
  switch (entry.entity) {
    case 'sheet': {
      const [employeeNo = entry.entityId, period = ''] = entry.entityId.split('/');
      const name = str(data(data(value.input).person).name);
      return t.settings.entities.sheet(name ? `${name} (${employeeNo})` : employeeNo, period);
    }
    case 'person':
      return labelled(value.name, value.employeeNo);
    case 'region':
      return labelled(value.name, value.code);
    case 'user':
      return t.settings.entities.user;
    case 'database':
      return t.backups.auditEntity;
    case 'figures': {
      // A person's salary and KPIs for a month: "F-303 · 2026-11".
      const [employeeNo = entry.entityId, period = ''] = entry.entityId.split('/');
      return period ? `${employeeNo} · ${period}` : employeeNo;
    }
    case 'findings': {
      // A department's findings for a month: "索赔组 · 2026-10".
      const [period = '', department = ''] = entry.entityId.split('/');
      return isDepartmentId(department) ? `${t.findings.departmentName(department)} · ${period}` : `${entry.entity} ${entry.entityId}`;
    }
    case 'file': {
      // A received file: its name, or the person and month it carries.
      const who = [str(value.employeeNo), str(value.period)].filter(Boolean).join(' · ');
      return str(value.fileName) || who || t.audit.entities.file;
    }
    case 'job':
      return t.audit.entities.job;
    case 'rubric': {
      // "salesperson@2": the role's rubric, its version.
      const [id = '', version = ''] = entry.entityId.split('@');
      return /^\d+$/.test(version) ? t.audit.entities.rubric(roleName(id, t), Number(version)) : `${entry.entity} ${entry.entityId}`;
    }
    case 'identity':
    case 'trusted-signer':
      return str(value.name) ? t.audit.signer(str(value.name), stepName(value.role, t)) : `${entry.entity} ${entry.entityId}`;
    case 'pay-settings': {
      // Its id is the version saved; one not a number is left unsaid rather than read as NaN.
      const from = str(data(entry.after).effectiveFrom);
      return /^\d+$/.test(entry.entityId) ? t.reports.pay.settings(Number(entry.entityId), from) : t.audit.entities.paySettings(from);
    }
    default:
      return `${entry.entity} ${entry.entityId}`;
  }
}

/** The change in a line or two. */
export function auditSummary(entry: AuditEntry, t: Messages, lookups: AuditLookups): string[] {
  const lines = actionSummary(entry, t);
  if (lines) return lines.filter(Boolean);
  switch (entry.entity) {
    case 'sheet': {
      const lines = sheetSummary(entry, t, lookups);
      // An amendment: its version and reason (the changed items are in the summary).
      const after = data(entry.after);
      if ((entry.action === 'sheet.amend' || entry.action === 'sheet.import-amendment') && typeof after.version === 'number') lines.push(t.amend.auditReason(after.version, str(after.reason)));
      return lines;
    }
    case 'person':
      return fieldsSummary(entry, t, personFields(t, lookups));
    case 'region':
      return fieldsSummary(entry, t, regionFields(t));
    case 'user':
      return [userSummary(entry.after, t, lookups)];
    case 'database':
      return [t.backups.auditSummary(entry.entityId, str(data(entry.before).keptAs))];
    case 'figures':
      return [figuresSummary(entry, t)];
    case 'findings':
      return findingsSummary(entry, t);
    default: {
      const text = canonical(entry.after ?? entry.before ?? null);
      return [text.length > 160 ? `${text.slice(0, 157)}…` : text];
    }
  }
}

function roleName(id: string, t: Messages): string {
  return Object.hasOwn(t.roles, id) ? t.roles[id as keyof Messages['roles']] : id;
}

/** A step of the approval chain by its name (an unknown one as it is). */
function stepName(value: unknown, t: Messages): string {
  return isChainRole(value) ? t.chainRoles[value] : str(value);
}

/** "李静(区域经理)" */
function signer(name: unknown, role: unknown, t: Messages): string {
  return t.audit.signer(str(name) || t.common.none, stepName(role, t));
}

/** A verification check by its name, as the inbox shows it. */
function checkName(value: unknown, t: Messages): string {
  const check = str(value);
  return Object.hasOwn(t.approvals.checks, check) ? t.approvals.checks[check as keyof Messages['approvals']['checks']] : check;
}

const parts = (...texts: string[]) => texts.filter(Boolean).join(' · ');

/**
 * The entries whose details are about files, signatures, rubrics and jobs rather than a sheet's
 * contents or a record's fields; null for the others.
 */
function actionSummary(entry: AuditEntry, t: Messages): string[] | null {
  const before = data(entry.before);
  const after = data(entry.after);
  const a = t.audit;
  const version = (v: unknown) => (typeof v === 'number' ? a.version(v) : '');
  switch (entry.action) {
    case 'sheet.export':
      return [parts(change(statusName(before.status, t), statusName(after.status, t)), version(after.version), t.settings.monthly(scoreText(after.monthlyScore))), a.signedBy(signer(after.signer, after.role, t))];
    case 'sheet.import':
    case 'sheet.import-replace':
    case 'sheet.import-amendment': {
      const monthly = isData(entry.before) ? change(scoreText(before.monthlyScore), scoreText(after.monthlyScore)) : scoreText(after.monthlyScore);
      const signers = (Array.isArray(after.signers) ? after.signers : []).map((s) => signer(data(s).name, data(s).role, t));
      const lines = [parts(str(after.fileName), version(after.version), t.settings.monthly(monthly)), signers.length ? a.signers(signers.join(t.settings.listSeparator)) : ''];
      if (entry.action === 'sheet.import-amendment' && typeof after.version === 'number') lines.push(t.amend.auditReason(after.version, str(after.reason)));
      return lines;
    }
    case 'sheet.return': {
      const by = data(after.returnedBy);
      return [change(statusName(before.status, t), statusName(after.status, t)), a.returnedBy(signer(by.name, by.role, t), str(after.reason))];
    }
    case 'return.ignore': {
      const by = data(after.returnedBy);
      return [a.setAside(signer(by.name, by.role, t), statusName(after.status, t)), a.reasonGiven(str(after.reason))];
    }
    case 'inbox.add': {
      const who = [str(after.employeeNo), str(after.period)].filter(Boolean).join(' · ');
      const verdict = after.ok === true ? a.verified(typeof after.signatures === 'number' ? after.signatures : 0) : a.refused(checkName(data(after.failure).check, t));
      return [parts(verdict, str(after.fileName) ? who : '')];
    }
    case 'inbox.approve':
      return [a.signedBy(signer(after.signer, after.role, t)), str(after.comment) ? a.comment(str(after.comment)) : ''];
    case 'inbox.return':
      return [a.returnedBy(signer(after.signer, after.role, t), str(after.reason))];
    case 'inbox.remove':
      return [a.removed(before.failure ? checkName(before.failure, t) : null)];
    case 'inbox.approveMany':
    case 'inbox.returnMany': {
      const skipped = (Array.isArray(after.skipped) ? after.skipped : []).map((s) => str(data(s).fileName));
      const done = typeof after.done === 'number' ? after.done : 0;
      const by = signer(after.signer, after.role, t);
      return [
        entry.action === 'inbox.approveMany' ? a.bulkDone(by, done, skipped.length) : a.bulkReturned(by, done, skipped.length),
        skipped.length ? a.skippedFiles(list(skipped, t)) : '',
        typeof after.reused === 'number' && after.reused > 0 ? a.reused(after.reused) : '',
      ];
    }
    case 'rubric.save':
      // A previous version without its number is left unsaid rather than read as NaN.
      return [parts(version(after.version), a.inForce(str(after.effectiveFrom))), !isData(entry.before) ? a.firstVersion : typeof before.version === 'number' ? a.latestBefore(before.version) : ''];
    case 'rubric.publish':
      return [a.signedBy(str(after.signer) || t.common.none)];
    case 'rubric.import':
      return [parts(a.inForce(str(after.effectiveFrom)), a.fromFile(str(after.fileName))), a.signedBy(str(data(after.signer).name) || t.common.none)];
    case 'identity.create':
    case 'identity.import':
    case 'trust.add':
    case 'trust.remove': {
      const value = data(entry.after ?? entry.before);
      const source = value.own === true ? a.ownIdentity : str(value.fileName) ? a.fromFile(str(value.fileName)) : '';
      return [parts(stepName(value.role, t), str(value.email), str(value.employeeNo)), source];
    }
    case 'paySettings.save':
      return paySummary(entry, t);
    default:
      return null;
  }
}

/** The settings saved (split, bonus, score rate) and the version they replace. */
function paySummary(entry: AuditEntry, t: Messages): string[] {
  const after = data(entry.after);
  const before = data(entry.before);
  const split = data(after.split);
  const bonus = data(after.bonus);
  const pay = t.reports.pay;
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  const rate = str(after.scoreRate);
  return [
    parts(
      pay.split(num(split.base), num(split.plan), num(split.assessment)),
      bonus.policy === 'per-point' ? pay.bonusPerPoint(num(bonus.percentPerPoint)) : pay.bonusNone,
      rate === 'monthly' || rate === 'daily' ? pay.scoreRate[rate] : rate,
    ),
    num(before.version) > 0 ? t.audit.replacesPay(num(before.version)) : '',
  ];
}

/** A department's findings file: its rows, the sheets written, and what it left to others. */
function findingsSummary(entry: AuditEntry, t: Messages): string[] {
  const after = data(entry.after);
  const before = isData(entry.before) ? entry.before : null;
  const a = t.audit;
  const strings = (v: unknown) => (Array.isArray(v) ? v.map(str) : []);
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  const needs = strings(after.needsAmendment);
  const skipped = strings(after.skipped);
  const conflicts = strings(after.conflicts);
  return [
    parts(str(after.file), a.findingsRows(num(after.rows), num(after.added), num(after.updated))),
    before && str(before.file) ? a.replacesFile(str(before.file)) : '',
    needs.length ? a.needAmendment(list(needs, t)) : '',
    conflicts.length ? a.toChoose(conflicts.length) : '',
    skipped.length ? a.skippedPeople(list(skipped, t)) : '',
  ].filter(Boolean);
}

function statusName(value: unknown, t: Messages): string {
  const status = str(value);
  return Object.hasOwn(t.status, status) ? t.status[status as keyof Messages['status']] : status || t.common.none;
}

function scoreText(value: unknown): string {
  return typeof value === 'number' ? score(value) : '—';
}

function sheetSummary(entry: AuditEntry, t: Messages, lookups: AuditLookups): string[] {
  const before = isData(entry.before) ? entry.before : null;
  const after = data(entry.after);
  const beforeInput = data(before?.input);
  const afterInput = data(after.input);
  const rubric = str(afterInput.rubric) || str(beforeInput.rubric);

  const head = [
    before ? change(statusName(before.status, t), statusName(after.status, t)) : statusName(after.status, t),
    t.settings.monthly(before ? change(scoreText(before.monthlyScore), scoreText(after.monthlyScore)) : scoreText(after.monthlyScore)),
  ].join(' · ');

  // Items whose entry or hand-in dates differ, in the order the sheet records them; then absences.
  const items = [data(beforeInput.items), data(afterInput.items)];
  const handIns = [data(beforeInput.handIns), data(afterInput.handIns)];
  const ids = [...new Set([...Object.keys(items[1]!), ...Object.keys(handIns[1]!), ...Object.keys(items[0]!), ...Object.keys(handIns[0]!)])];
  const differs = (pair: Data[], id: string) => canonical(recorded(pair[0]![id])) !== canonical(recorded(pair[1]![id]));
  const changed = ids.filter((id) => differs(items, id) || differs(handIns, id));
  const names = changed.map((id) => lookups.itemTitle(rubric, id));
  if (canonical(beforeInput.absences ?? []) !== canonical(afterInput.absences ?? [])) names.push(t.sheet.absences);

  if (!before) return [head, names.length ? t.settings.recorded(list(names, t)) : t.settings.nothingRecorded];
  if (names.length) return [head, t.settings.changed(list(names, t))];
  return before.status === after.status ? [head, t.settings.noChange] : [head];
}

interface Field {
  key: string;
  label: string;
  show: (value: unknown) => string;
}

function personFields(t: Messages, lookups: AuditLookups): Field[] {
  const plain = (v: unknown) => str(v) || t.common.none;
  const byId = (find: (id: number) => string | undefined) => (v: unknown) => (typeof v === 'number' ? (find(v) ?? `#${v}`) : t.common.none);
  return [
    { key: 'employeeNo', label: t.roster.employeeNo, show: plain },
    { key: 'name', label: t.roster.name, show: plain },
    { key: 'role', label: t.roster.role, show: (v) => (typeof v === 'string' && Object.hasOwn(t.roles, v) ? t.roles[v as keyof Messages['roles']] : plain(v)) },
    { key: 'regionId', label: t.roster.region, show: byId(lookups.regionName) },
    { key: 'managerId', label: t.roster.manager, show: byId(lookups.personName) },
    { key: 'activeFrom', label: t.roster.activeFrom, show: plain },
    { key: 'activeTo', label: t.roster.activeTo, show: plain },
  ];
}

function regionFields(t: Messages): Field[] {
  const plain = (v: unknown) => str(v) || t.common.none;
  return [
    { key: 'code', label: t.roster.code, show: plain },
    { key: 'name', label: t.roster.regionName, show: plain },
    { key: 'active', label: t.roster.state, show: (v) => (v === false ? t.common.inactive : t.common.active) },
  ];
}

/** An edit: each field that changed, "name: 王磊 → 王磊磊". An addition: the fields it was added with. */
function fieldsSummary(entry: AuditEntry, t: Messages, fields: readonly Field[]): string[] {
  const before = isData(entry.before) ? entry.before : null;
  const after = isData(entry.after) ? entry.after : null;
  if (!before || !after) {
    const value = data(after ?? before);
    const shown = fields.filter((f) => value[f.key] !== null && value[f.key] !== undefined && f.key !== 'active');
    return [shown.map((f) => `${f.label}: ${f.show(value[f.key])}`).join(' · ')];
  }
  const lines = fields.filter((f) => canonical(before[f.key]) !== canonical(after[f.key])).map((f) => `${f.label}: ${f.show(before[f.key])} → ${f.show(after[f.key])}`);
  return lines.length ? lines : [t.settings.noChange];
}

/** The identity set: "李静 · 区域经理 · 华东区". */
function userSummary(value: unknown, t: Messages, lookups: AuditLookups): string {
  const user = data(value);
  const role = str(user.chainRole);
  const region = typeof user.regionId === 'number' ? (lookups.regionName(user.regionId) ?? `#${user.regionId}`) : null;
  return [str(user.name) || t.common.none, Object.hasOwn(t.chainRoles, role) ? t.chainRoles[role as keyof Messages['chainRoles']] : role, region].filter(Boolean).join(' · ');
}

/** A KPI by its name in the UI's language. */
const kpiName = (id: string, t: Messages): string => t.figures.kpiName(id);

/**
 * A change to a person's salary and KPIs: each value that changed ("实际销售数量: 58 → 59"), or
 * the values first recorded; a sheet's differing KPIs, or the KPI whose difference was settled.
 */
function figuresSummary(entry: AuditEntry, t: Messages): string {
  const before = isData(entry.before) ? entry.before : null;
  const after = data(entry.after);
  if (entry.action === 'figures.conflict') {
    const conflicts = Array.isArray(after.conflicts) ? after.conflicts : [];
    return list(conflicts.map((c) => kpiName(str(data(c).kpi), t)), t);
  }
  if (entry.action === 'figures.conflict-resolve') return `${kpiName(str(before?.kpi), t)}: ${str(after.value)}`;
  if (entry.action === 'figures.confirm') {
    // The month's confirmation: each person's KPIs confirmed, "F-303: 实际销售数量、销售计划数量".
    const people = Array.isArray(after.people) ? after.people.map(data) : [];
    const kpis = (v: unknown) => (Array.isArray(v) ? v.map((id) => kpiName(str(id), t)) : []);
    if (!people.length) return t.settings.noChange;
    const shown = people.slice(0, 3).map((p) => `${str(p.employeeNo)}: ${list(kpis(p.kpis), t)}`).join(' · ');
    return people.length > 3 ? `${shown} ${t.settings.more(people.length - 3)}` : shown;
  }
  const value = (v: unknown) => (v === null || v === undefined ? t.common.none : str(v));
  const parts: string[] = [];
  const salary = [before?.salaryTotal, after.salaryTotal];
  if (before ? canonical(salary[0]) !== canonical(salary[1]) : salary[1] !== null && salary[1] !== undefined) {
    parts.push(`${t.figures.salaryTotal}: ${before ? `${value(salary[0])} → ` : ''}${value(salary[1])}`);
  }
  const kpis = [data(before?.kpis), data(after.kpis)];
  for (const id of [...new Set([...Object.keys(kpis[1]!), ...Object.keys(kpis[0]!)])]) {
    if (before ? canonical(kpis[0]![id]) === canonical(kpis[1]![id]) : kpis[1]![id] === undefined) continue;
    parts.push(`${kpiName(id, t)}: ${before ? `${value(kpis[0]![id])} → ` : ''}${value(kpis[1]![id])}`);
  }
  return parts.length ? parts.join(' · ') : t.settings.noChange;
}
