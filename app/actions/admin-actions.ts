"use server";
import { z } from "zod";
import { ChannelInputSchema, LocationInputSchema, PolicyInputSchema, SkuInputSchema } from "@/lib/domain/catalogue-input";
import { defineAction } from "@/lib/server/action";
import { ChangeRoleSchema, CreateUserSchema, IssueTokenSchema, ResetPasswordSchema, RevokeTokenSchema, SetActiveSchema } from "@/lib/server/admin/input";
import { issueToken, revokeToken } from "@/lib/server/admin/tokens";
import { changeRole, createUser, setActive, setPassword } from "@/lib/server/admin/users";
import { addBins, createChannel, createLocation, createSku, removeBin, setPolicy } from "@/lib/server/catalogue/write";
import { forgetRemovedBins } from "@/lib/server/catalogue/bins";
import { inTransaction } from "@/lib/server/ledger/service";
import { hashPassword } from "@/lib/server/passwords";
import { DomainError, isDomainError } from "@/lib/domain/errors";
import { MONEY_PATTERN } from "@/lib/domain/money";

// Every admin mutation: schema → permission → one transaction (the change and its
// audit entry) → revalidate the screens that show what changed. Results carry
// codes and ids only, never records.

/** A duplicate code is a problem with one field; say so next to it, not only above the form. */
async function conflictOn<T>(field: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isDomainError(error) && error.code === "conflict") throw new DomainError("conflict", error.message, { [field]: ["already exists"] });
    throw error;
  }
}

const userPaths = (userId?: string) => ["/admin", "/admin/users", "/admin/tokens", "/admin/audit", ...(userId ? [`/admin/users/${userId}`] : [])];
// The other areas list SKUs, locations and channels on their landing pages.
const cataloguePaths = ["/admin", "/admin/audit", "/admin/catalogue", "/admin/locations", "/admin/channels", "/admin/policies", "/sales", "/warehouse", "/finance"];

export const createUserAction = defineAction({
  schema: CreateUserSchema,
  permission: "users.manage",
  run: async (input, actor) => {
    // A service account has no password; a person's is hashed before the transaction opens.
    const { kind, name, email, role } = input;
    const passwordHash = input.kind === "human" ? await hashPassword(input.password) : null;
    return inTransaction((tx) => createUser(tx, actor, { kind, name, email, role }, passwordHash));
  },
  revalidate: () => userPaths(),
});

export const changeRoleAction = defineAction({
  schema: ChangeRoleSchema,
  permission: "users.manage",
  run: ({ userId, role }, actor) => inTransaction((tx) => changeRole(tx, actor, userId, role)),
  revalidate: ({ userId }) => userPaths(userId),
});

export const setUserActiveAction = defineAction({
  schema: SetActiveSchema,
  permission: "users.manage",
  run: async ({ userId, active }, actor) => {
    await inTransaction((tx) => setActive(tx, actor, userId, active));
    return { active };
  },
  revalidate: ({ userId }) => userPaths(userId),
});

export const resetPasswordAction = defineAction({
  schema: ResetPasswordSchema,
  permission: "users.manage",
  run: async ({ userId, password }, actor) => {
    const passwordHash = await hashPassword(password);
    return inTransaction((tx) => setPassword(tx, actor, userId, passwordHash));
  },
  // The reset revokes the user's tokens, which their detail page lists.
  revalidate: ({ userId }) => userPaths(userId),
});

/** Admins issue tokens for service accounts only; people issue their own on /profile. */
export const issueTokenAction = defineAction({
  schema: IssueTokenSchema,
  permission: "users.manage",
  run: (input, actor) => inTransaction((tx) => issueToken(tx, actor, { ...input, for: "service" })),
  revalidate: ({ userId }) => userPaths(userId),
});

export const revokeTokenAction = defineAction({
  schema: RevokeTokenSchema,
  permission: "users.manage",
  run: ({ tokenId }, actor) => inTransaction((tx) => revokeToken(tx, actor, tokenId)),
  // The token's owner is not in the input; their detail page is dynamic and re-reads on the next visit.
  revalidate: () => userPaths(),
});

export const createSkuAction = defineAction({
  schema: SkuInputSchema,
  permission: "catalogue.write",
  run: (input, actor) => conflictOn("sku", inTransaction(async (tx) => ({ sku: (await createSku(tx, actor, input)).code }))),
  revalidate: () => cataloguePaths,
});

export const createLocationAction = defineAction({
  schema: LocationInputSchema,
  permission: "catalogue.write",
  run: (input, actor) => conflictOn("code", inTransaction(async (tx) => ({ code: (await createLocation(tx, actor, input)).code }))),
  revalidate: () => cataloguePaths,
});

const AddBinsSchema = z.strictObject({
  code: z.string().trim().min(1, "choose a location"),
  bins: LocationInputSchema.shape.bins.refine((bins) => bins.length > 0, "enter at least one bin code"),
});

export const addBinsAction = defineAction({
  schema: AddBinsSchema,
  permission: "catalogue.write",
  run: ({ code, bins }, actor) => inTransaction((tx) => addBins(tx, actor, code, bins)),
  revalidate: () => cataloguePaths,
});

const RemoveBinSchema = z.strictObject({
  code: z.string().trim().min(1, "choose a location"),
  bin: z.string().trim().min(1, "choose a bin"),
});

/** Only an empty bin goes; one with units is refused in words, naming them. */
export const removeBinAction = defineAction({
  schema: RemoveBinSchema,
  permission: "catalogue.write",
  run: async ({ code, bin }, actor) => {
    const removed = await inTransaction((tx) => removeBin(tx, actor, code, bin));
    forgetRemovedBins();
    return removed;
  },
  revalidate: () => cataloguePaths,
});

export const createChannelAction = defineAction({
  schema: ChannelInputSchema,
  permission: "catalogue.write",
  run: (input, actor) => conflictOn("code", inTransaction(async (tx) => ({ code: (await createChannel(tx, actor, input)).code }))),
  revalidate: () => cataloguePaths,
});

// A first pass in the words a form needs ("cannot be negative", not zod's defaults),
// then the API's own schema, so screens and integrations accept exactly the same policies.
const units = z.number("must be a whole number").int("must be a whole number").min(0, "cannot be negative");
const PolicyActionSchema = z
  .looseObject({
    safetyStock: units,
    inspectionLeadDays: units,
    allocations: z.array(z.looseObject({ qty: units })),
    approvalThresholds: z.looseObject({
      writeOffValue: z.string().trim().regex(MONEY_PATTERN, 'must be an amount such as "500.00"'),
      countVarianceUnits: units,
    }),
  })
  // preprocess hands the untouched value on: the API schema types its own input.
  .pipe(z.preprocess((value) => value, PolicyInputSchema.extend({ sku: z.string().trim().toUpperCase().min(1, "required") })));

export const setPolicyAction = defineAction({
  schema: PolicyActionSchema,
  permission: "policy.write",
  run: ({ sku, ...policy }, actor) => inTransaction(async (tx) => ({ sku: (await setPolicy(tx, actor, sku, policy)).sku })),
  revalidate: () => ["/admin/policies", "/admin/audit", "/sales"],
});
