import { z } from '@hono/zod-openapi';
import { ROLES } from '../../core/roles.js';
import { SENSITIVITIES } from '../../core/sensitivity.js';
import { LANGUAGES } from '../../core/languages.js';

export const SignInSchema = z
  .object({
    email: z.string().min(3).max(200).openapi({ example: 'officer@example.org' }),
    password: z.string().min(1).max(200),
  })
  .openapi('SignIn');

export const PasswordChangeSchema = z
  .object({
    current_password: z.string().min(1).max(200),
    new_password: z.string().min(10).max(200).openapi({ description: 'At least 10 characters' }),
  })
  .openapi('PasswordChange');

export const UserSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    organisation_id: z.number().int().nullable(),
    clearance: z.enum(SENSITIVITIES),
    active: z.number().int(),
    created_at: z.string(),
    must_change_password: z.number().int().openapi({ description: '1 while the user holds a one-time password and must choose their own' }),
    language: z.enum(LANGUAGES).nullable().openapi({ description: 'The language the user chose; null until chosen' }),
  })
  .openapi('User');

export const ForgotPasswordSchema = z
  .object({
    email: z.string().min(3).max(200).openapi({ example: 'officer@example.org' }),
    language: z.enum(LANGUAGES).optional().openapi({ description: "The e-mail's language when the account has none chosen (default en)" }),
  })
  .openapi('ForgotPassword');

export const PasswordResetSchema = z
  .object({
    token: z.string().min(10).max(200).openapi({ description: 'The token from the e-mailed link' }),
    new_password: z.string().min(10).max(200).openapi({ description: 'At least 10 characters' }),
  })
  .openapi('PasswordReset');

export const AuthOptionsSchema = z
  .object({ forgot_password: z.boolean().openapi({ description: 'True when e-mail is configured and "forgot password" works' }) })
  .openapi('AuthOptions');

export const MeSchema = z.object({ user: UserSchema.nullable(), role: z.string() }).openapi('Me');

export const TokenInfoSchema = z
  .object({
    id: z.number().int(),
    user_id: z.number().int(),
    name: z.string(),
    created_at: z.string(),
    expires_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
    last_used_at: z.string().nullable(),
  })
  .openapi('ApiToken');

export const NewTokenSchema = z
  .object({
    name: z.string().min(1).max(100).openapi({ example: 'nightly export' }),
    days: z.number().int().min(1).max(366).optional().openapi({ description: 'Lifetime in days (default 90)' }),
  })
  .openapi('NewApiToken');

export const IdParamSchema = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});
