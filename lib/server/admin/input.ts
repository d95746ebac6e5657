// What the admin screens submit. Shared by the server actions; the forms show
// these messages next to the field they name.
import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";

const userId = z.uuid("choose a user");
// 12 characters is the floor NIST SP 800-63B suggests when no other factor is used.
const password = z.string().min(12, "at least 12 characters").max(200, "at most 200 characters");

export const CreateUserSchema = z.strictObject({
  name: z.string().trim().min(1, "required").max(200),
  email: z.string().trim().toLowerCase().pipe(z.email("must be an email address")),
  role: z.enum(ROLES, "choose a role"),
  password,
});

export const ChangeRoleSchema = z.strictObject({ userId, role: z.enum(ROLES, "choose a role") });
export const SetActiveSchema = z.strictObject({ userId, active: z.boolean() });
export const ResetPasswordSchema = z.strictObject({ userId, password });

export const IssueTokenSchema = z.strictObject({ userId, name: z.string().trim().min(1, "required").max(100) });
export const RevokeTokenSchema = z.strictObject({ tokenId: z.uuid("unknown token") });

export type CreateUserInput = z.infer<typeof CreateUserSchema>;
