/**
 * Every action the services write to the audit log. appendAudit takes only these, and the
 * renderer's words are a Record over them: an action added here without its words (in both
 * languages) fails the type check.
 */
export const AUDIT_ACTIONS = [
  // A score sheet
  'sheet.add',
  'sheet.edit',
  'sheet.findings',
  'sheet.findings-choice',
  'sheet.amend',
  'sheet.export',
  'sheet.import',
  'sheet.import-replace',
  'sheet.import-amendment',
  'sheet.return',
  'return.ignore',
  // Departments' findings, salary and KPIs
  'findings.import',
  'figures.save',
  'figures.import',
  'figures.from-sheet',
  'figures.confirm',
  'figures.conflict',
  'figures.conflict-resolve',
  'figures.take-sheet',
  // The roster, the user, the database
  'person.add',
  'person.edit',
  'region.add',
  'region.edit',
  'region.activate',
  'region.deactivate',
  'user.set',
  'paySettings.save',
  'backup.restore',
  // Rubrics
  'rubric.save',
  'rubric.publish',
  'rubric.import',
  // Signatures
  'identity.create',
  'identity.import',
  'trust.add',
  'trust.remove',
  // The reviewer's inbox
  'inbox.add',
  'inbox.approve',
  'inbox.return',
  'inbox.remove',
  'inbox.approveMany',
  'inbox.returnMany',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
