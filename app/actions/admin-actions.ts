"use server";
import { z } from "zod";
import { ChannelInputSchema, LocationInputSchema, PolicyInputSchema, SkuInputSchema } from "@/lib/domain/catalogue-input";
import { defineAction } from "@/lib/server/action";
import { ChangeRoleSchema, CreateUserSchema, IssueTokenSchema, ResetPasswordSchema, RevokeTokenSchema, SetActiveSchema } from "@/lib/server/admin/input";
import { issueToken, revokeToken } from "@/lib/server/admin/tokens";
import { changeRole, createUser, setActive, setPassword } from "@/lib/server/admin/users";
import { addBins, createChannel, createLocation, createSku, setPolicy } from "@/lib/server/catalogue/write";
import { inTransaction } from "@/lib/server/ledger/service";
import { hashPassword } from "@/lib/server/passwords";

// Every admin mutation: schema → permission → one transaction → revalidate the
// screens that show what changed. Results carry codes and ids only, never records.

const userPaths = (userId?: string) => ["/admin", "/admin/users", "/admin/tokens", ...(userId ? [`/admin/users/${userId}`] : [])];
// The other areas list SKUs, locations and channels on their landing pages.
const cataloguePaths = ["/admin", "/admin/catalogue", "/admin/locations", "/admin/policies", "/sales", "/warehouse", "/finance"];

export const createUserAction = defineAction({
  schema: CreateUserSchema,
  permission: "users.manage",
  run: async ({ password, ...input }) => {
    const passwordHash = await hashPassword(password);
    return inTransaction((tx) => createUser(tx, input, passwordHash));
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
  run: ({ userId, active }, actor) => inTransaction((tx) => setActive(tx, actor, userId, active)),
  revalidate: ({ userId }) => userPaths(userId),
});

export const resetPasswordAction = defineAction({
  schema: ResetPasswordSchema,
  permission: "users.manage",
  run: async ({ userId, password }) => {
    const passwordHash = await hashPassword(password);
    return inTransaction((tx) => setPassword(tx, userId, passwordHash));
  },
});

export const issueTokenAction = defineAction({
  schema: IssueTokenSchema,
  permission: "users.manage",
  run: (input) => inTransaction((tx) => issueToken(tx, input)),
  revalidate: ({ userId }) => userPaths(userId),
});

export const revokeTokenAction = defineAction({
  schema: RevokeTokenSchema,
  permission: "users.manage",
  run: ({ tokenId }) => inTransaction((tx) => revokeToken(tx, tokenId)),
  // The token's owner is not in the input; their detail page is dynamic and re-reads on the next visit.
  revalidate: () => userPaths(),
});

export const createSkuAction = defineAction({
  schema: SkuInputSchema,
  permission: "catalogue.write",
  run: (input) => inTransaction(async (tx) => ({ sku: (await createSku(tx, input)).code })),
  revalidate: () => cataloguePaths,
});

export const createLocationAction = defineAction({
  schema: LocationInputSchema,
  permission: "catalogue.write",
  run: (input) => inTransaction(async (tx) => ({ code: (await createLocation(tx, input)).code })),
  revalidate: () => cataloguePaths,
});

const AddBinsSchema = LocationInputSchema.pick({ code: true, bins: true }).refine((input) => input.bins.length > 0, {
  path: ["bins"],
  message: "enter at least one bin code",
});

export const addBinsAction = defineAction({
  schema: AddBinsSchema,
  permission: "catalogue.write",
  run: ({ code, bins }) => inTransaction((tx) => addBins(tx, code, bins)),
  revalidate: () => cataloguePaths,
});

export const createChannelAction = defineAction({
  schema: ChannelInputSchema,
  permission: "catalogue.write",
  run: (input) => inTransaction(async (tx) => ({ code: (await createChannel(tx, input)).code })),
  revalidate: () => cataloguePaths,
});

const PolicyActionSchema = PolicyInputSchema.extend({ sku: z.string().trim().toUpperCase().min(1, "required") });

export const setPolicyAction = defineAction({
  schema: PolicyActionSchema,
  permission: "policy.write",
  run: ({ sku, ...policy }) => inTransaction(async (tx) => ({ sku: (await setPolicy(tx, sku, policy)).sku })),
  revalidate: () => ["/admin/policies", "/sales"],
});
