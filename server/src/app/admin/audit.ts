import type { Audit } from '@mattermost/types/audits';
import { storableText } from '../../model/audit_chain.js';
import { newId } from '../../model/id.js';
import { auditWriteFailures } from '../../metrics/registry.js';
import type { AuditListFilter, AuditRecord } from '../../store/admin/audits.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { Permissions } from '../permissions.js';
import { requireAnySystem } from './system_permission.js';

export type AuditResult = 'success' | 'fail';

/** Details of an action, shown as `key=value` after the result (never a password or a token). */
export type AuditExtra = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * One security-relevant action. `action` is a dotted name, most general first, so a prefix selects a family:
 * user.login, user.logout, user.create, user.update, user.password.update (own), user.password.reset (another's),
 * user.password.reset.send and user.password.reset.link (a reset link by email: sent, used), user.roles.update,
 * user.activate, user.deactivate, user.delete.permanent, user.session.revoke, user.session.revoke_all, team.update, team.privacy.update, team.invite_id.regenerate, team.member.roles.update,
 * team.member.remove, team.delete, team.delete.permanent, team.restore, channel.member.roles.update,
 * channel.privacy.update, channel.move, channel.delete, channel.delete.permanent, channel.restore, post.delete,
 * post.delete.permanent; other services add theirs (config.update, role.patch, scheme.*, token.create ...).
 */
export interface AuditEntry {
  /** Who acted; '' when nobody could be identified (a login with an unknown name). */
  userId: string;
  action: string;
  /** What it acted on: an id, or a name where there is no id yet. */
  object?: string;
  result: AuditResult;
  extra?: AuditExtra;
  ipAddress: string;
  sessionId?: string;
}

/** Mattermost's Audit, plus where it sits in the chain and the two fields Parley keeps apart from extra_info. */
export interface AuditView extends Audit {
  seq: number;
  object: string;
  result: string;
}

/** Which records to list, newest first (the edge's query parameters). */
export type AuditQuery = AuditListFilter;

const MAX = { userId: 26, action: 128, object: 1024, extraInfo: 4096, ipAddress: 64, sessionId: 26, result: 16 } as const;

/**
 * The tamper-evident audit log (hash chain: model/audit_chain.ts). Recording is awaited, so a record is written
 * before the action's answer goes out, but a failed write never fails the action: it is logged and counted
 * (parley_audit_write_failures_total).
 */
export class AuditService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions) {}

  async record(entry: AuditEntry): Promise<void> {
    try {
      await this.deps.store.audits.append({
        id: newId(),
        create_at: Date.now(),
        user_id: storableText(entry.userId, MAX.userId),
        action: storableText(entry.action, MAX.action),
        object: storableText(entry.object ?? '', MAX.object),
        extra_info: storableText(renderExtra(entry.extra), MAX.extraInfo),
        ip_address: storableText(entry.ipAddress, MAX.ipAddress),
        session_id: storableText(entry.sessionId ?? '', MAX.sessionId),
        result: storableText(entry.result, MAX.result),
      });
    } catch (err) {
      auditWriteFailures.inc();
      this.deps.log.error({ err, action: entry.action, userId: entry.userId, object: entry.object, result: entry.result }, 'audit record could not be written');
    }
  }

  /** An action by an authenticated caller, from their address and session. */
  recordFor(actor: Actor, entry: Omit<AuditEntry, 'userId' | 'ipAddress' | 'sessionId'>): Promise<void> {
    return this.record({ ...entry, userId: actor.userId, ipAddress: actor.ipAddress, sessionId: actor.session.id });
  }

  /** The whole log, newest first: manage_system or Mattermost's read_audits. */
  async list(actor: Actor, filter: AuditQuery): Promise<AuditView[]> {
    requireAnySystem(this.permissions, actor, ['read_audits', 'manage_system']);
    return (await this.deps.store.audits.list(filter)).map(presentAudit);
  }

  /** One user's actions, newest first: the user themself, or whoever may edit other users (as upstream). */
  async listForUser(actor: Actor, userId: string, filter: Omit<AuditQuery, 'userId'>): Promise<AuditView[]> {
    if (actor.userId !== userId) requireAnySystem(this.permissions, actor, ['edit_other_users', 'read_audits', 'manage_system']);
    return (await this.deps.store.audits.list({ ...filter, userId })).map(presentAudit);
  }
}

/** `key=value` pairs in the order given; undefined values are left out. */
function renderExtra(extra: AuditExtra | undefined): string {
  if (!extra) return '';
  return Object.entries(extra).filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${String(value)}`).join(' ');
}

/** extra_info reads as upstream's does: the result first ("success", "fail"), then the details. */
export function presentAudit(record: AuditRecord): AuditView {
  return {
    id: record.id, create_at: record.create_at, user_id: record.user_id, action: record.action,
    extra_info: record.extra_info ? `${record.result} ${record.extra_info}` : record.result,
    ip_address: record.ip_address, session_id: record.session_id, seq: record.seq, object: record.object, result: record.result,
  };
}
