/**
 * The domain's words in both languages: roles, steps of the chain, sheet statuses. One word for
 * each everywhere — on screen, on the PDF, in the XLSX and CSV reports, in the CLI's tables.
 */
import type { Language } from './api/types.ts';
import type { ChainRole } from './chain.ts';
import type { RoleId } from './rubric/schema.ts';
import type { RowStatus } from './sheet-status.ts';

export interface DomainLabels {
  roles: Record<RoleId, string>;
  chainRoles: Record<ChainRole, string>;
  statuses: Record<RowStatus, string>;
}

export const DOMAIN_LABELS: Readonly<Record<Language, DomainLabels>> = {
  zh: {
    roles: { salesperson: '销售员', 'regional-manager': '区域经理', 'field-service': '现场服务代表', executive: '部长以上' },
    chainRoles: { manager: '区域经理', planning: '销售计划部', vp: '销售副总经理', hr: '人力资源部' },
    statuses: { 'not-started': '未开始', draft: '草稿', ready: '已完成', signed: '已签署', returned: '已退回', approved: '已审批' },
  },
  en: {
    roles: { salesperson: 'Salesperson', 'regional-manager': 'Regional manager', 'field-service': 'Field service representative', executive: 'Executive' },
    chainRoles: { manager: 'Regional manager', planning: 'Sales planning', vp: 'Sales VP', hr: 'Human resources' },
    statuses: { 'not-started': 'Not started', draft: 'Draft', ready: 'Ready', signed: 'Signed', returned: 'Returned', approved: 'Approved' },
  },
};
