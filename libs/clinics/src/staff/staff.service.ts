import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { type StaffMember, badRequest } from '@app/shared';
import type { Actor } from '../auth/actor.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { SessionsService } from '../auth/sessions.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { ChangePasswordDto, CreateStaffDto } from './staff.dto.js';
import { StaffRepository } from './staff.repository.js';

export function toStaffView(member: StaffMember) {
  return { id: member.id, email: member.email, name: member.name, role: member.role, createdAt: member.createdAt };
}

@Injectable()
export class StaffService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  async create(clinicId: string, actor: Actor, dto: CreateStaffDto) {
    const member = await this.staff.create({
      clinicId,
      email: dto.email,
      name: dto.name,
      role: dto.role,
      passwordHash: await hashPassword(dto.password),
    });
    const view = toStaffView(member);
    await this.audit.record(clinicId, actor, {
      action: 'staff.create',
      subjectType: 'staff',
      subjectId: member.id,
      before: null,
      after: view,
    });
    return view;
  }

  list(clinicId: string, limit: number, afterId?: string): Promise<StaffMember[]> {
    return this.staff.list(clinicId, limit, afterId);
  }

  /** 409 for the clinic's last owner: someone must always be able to manage the clinic. */
  async remove(clinicId: string, actor: Actor, id: string): Promise<void> {
    const removed = await this.staff.remove(clinicId, id);
    if (!removed) throw new NotFoundException(`staff member ${id} not found`);
    if (removed === 'last-owner') {
      throw new ConflictException('this is the clinic’s last owner; make someone else an owner before removing them');
    }
    await this.audit.record(clinicId, actor, {
      action: 'staff.remove',
      subjectType: 'staff',
      subjectId: id,
      before: toStaffView(removed),
      after: null,
    });
  }

  /** A signed-in person changes their own password; their other sessions end. */
  async changeOwnPassword(clinicId: string, actor: Actor, dto: ChangePasswordDto): Promise<void> {
    if (actor.type !== 'staff') throw new ForbiddenException('only a signed-in staff member has a password to change');
    const member = await this.staff.findById(actor.id);
    if (!member) throw new NotFoundException('staff member not found');
    if (!(await verifyPassword(dto.currentPassword, member.passwordHash))) {
      throw badRequest([{ field: 'currentPassword', reason: 'is not your current password' }]);
    }
    await this.staff.setPassword(member.id, await hashPassword(dto.newPassword));
    await this.sessions.endOtherSessions(member.id, actor.sessionTokenHash);
    await this.audit.record(clinicId, actor, {
      action: 'staff.password-change',
      subjectType: 'staff',
      subjectId: member.id,
      before: null,
      after: null,
    });
  }
}

export type StaffView = ReturnType<typeof toStaffView>;
