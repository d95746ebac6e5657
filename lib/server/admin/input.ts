// What the admin screens and the profile page submit. Shared by the server
// actions; the forms show these messages next to the field they name.
import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";

const userId = z.uuid("choose a user");
// 12 characters is the floor NIST SP 800-63B suggests when no other factor is used.
const password = z.string().min(12, "at least 12 characters").max(200, "at most 200 characters");
const account = {
  name: z.string().trim().min(1, "required").max(200),
  email: z.string().trim().toLowerCase().pipe(z.email("must be an email address")),
  role: z.enum(ROLES, "choose a role"),
};

/** A person signs in with a password; a service account has none and acts only through tokens. */
export const CreateUserSchema = z.discriminatedUnion(
  "kind",
  [z.strictObject({ kind: z.literal("human"), ...account, password }), z.strictObject({ kind: z.literal("service"), ...account })],
  "choose person or service account",
);

export const ChangeRoleSchema = z.strictObject({ userId, role: z.enum(ROLES, "choose a role") });
export const SetActiveSchema = z.strictObject({ userId, active: z.boolean() });
export const ResetPasswordSchema = z.strictObject({ userId, password });

const tokenName = z.string().trim().min(1, "required").max(100, "at most 100 characters");
/** An admin issues tokens for service accounts only; a person issues their own on their profile. */
export const IssueTokenSchema = z.strictObject({ userId, name: tokenName });
export const IssueOwnTokenSchema = z.strictObject({ name: tokenName });
export const RevokeTokenSchema = z.strictObject({ tokenId: z.uuid("unknown token") });

export type CreateUserInput = z.infer<typeof CreateUserSchema>;
