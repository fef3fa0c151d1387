import type { TRPCRouterRecord } from '@trpc/server';
import { idSchema, passwordSchema, usernameSchema } from '@tuanjian/domain';
import { z } from 'zod';
import * as auth from '../services/auth';
import { authedProcedure, publicProcedure } from '../trpc';

export const loginInput = z.object({
  username: usernameSchema,
  // Login accepts any non-empty password (rules apply when choosing one).
  password: z.string({ error: '请输入密码' }).min(1, { error: '请输入密码' }).max(256, { error: '密码过长' }),
  client: z.enum(['admin', 'miniprogram'], { error: '客户端类型无效' }).default('admin'),
});

export const switchTenantInput = z.object({ grantId: idSchema });

export const changePasswordInput = z.object({
  oldPassword: z
    .string({ error: '请输入原密码' })
    .min(1, { error: '请输入原密码' })
    .max(256, { error: '密码过长' }),
  newPassword: passwordSchema,
});

export const authRouter = {
  /** Admin client: sets the HttpOnly `tj_session` cookie. Mini-program: returns `token` (send as Bearer). */
  login: publicProcedure.input(loginInput).mutation(({ ctx, input }) => auth.login(ctx, input)),
  logout: authedProcedure.mutation(({ ctx }) => auth.logout(ctx)),
  me: authedProcedure.query(({ ctx }) => auth.me(ctx)),
  /** Act as another of the user's own grants. */
  switchTenant: authedProcedure
    .input(switchTenantInput)
    .mutation(({ ctx, input }) => auth.switchTenant(ctx, input.grantId)),
  /** Revokes every other session of the user; returns the updated `Me`. */
  changePassword: authedProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => auth.changePassword(ctx, input)),
} satisfies TRPCRouterRecord;
