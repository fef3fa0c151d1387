/** zod schemas shared by the API and the clients; messages in Chinese. */
import { z } from 'zod';
import { isValidDate } from './dates';
import { GENDERS, MEMBER_STATUSES, ORG_KINDS, ROLES, SECTORS, TENANT_KINDS } from './enums';
import { isValidMemberNumber } from './member-number';

export const roleSchema = z.enum(ROLES, { error: '角色无效' });
export const tenantKindSchema = z.enum(TENANT_KINDS, { error: '租户类型无效' });
export const orgKindSchema = z.enum(ORG_KINDS, { error: '组织类型无效' });
export const sectorSchema = z.enum(SECTORS, { error: '所属领域无效' });
export const memberStatusSchema = z.enum(MEMBER_STATUSES, { error: '团员状态无效' });
export const genderSchema = z.enum(GENDERS, { error: '性别无效' });

export const idSchema = z.uuid({ error: '编号格式无效' });

export const dateSchema = z
  .string({ error: '请填写日期' })
  .refine(isValidDate, { error: '日期格式应为 YYYY-MM-DD，且须为存在的日期' });

export const usernameSchema = z
  .string({ error: '请输入用户名' })
  .trim()
  .min(2, { error: '用户名至少2个字符' })
  .max(64, { error: '用户名不能超过64个字符' })
  .regex(/^[A-Za-z0-9._@-]+$/, { error: '用户名只能包含字母、数字和 . _ @ -' })
  .transform((s) => s.toLowerCase());

/** A password a user chooses (login accepts any non-empty string). */
export const passwordSchema = z
  .string({ error: '请输入密码' })
  .min(8, { error: '密码至少8位' })
  .max(128, { error: '密码不能超过128位' })
  .refine((s) => /[A-Za-z]/.test(s) && /\d/.test(s), { error: '密码须同时包含字母和数字' });

export const tenantCodeSchema = z
  .string({ error: '请输入租户代码' })
  .regex(/^[a-z][a-z0-9_]{1,30}$/, { error: '租户代码须以小写字母开头，由2–31位小写字母、数字或下划线组成' });

export const orgNameSchema = z
  .string({ error: '请输入组织名称' })
  .trim()
  .min(2, { error: '组织名称至少2个字' })
  .max(100, { error: '组织名称不能超过100个字' });

export const memberNumberSchema = z.string().refine(isValidMemberNumber, {
  error: '团员编号应为12位数字：4位年份＋2位省级代码＋6位序号',
});

export const pageSchema = z.object({
  page: z.number({ error: '页码无效' }).int().min(1, { error: '页码从1开始' }).default(1),
  pageSize: z.number({ error: '每页条数无效' }).int().min(1).max(200, { error: '每页最多200条' }).default(20),
});
