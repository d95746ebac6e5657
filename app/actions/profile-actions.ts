"use server";
import { IssueOwnTokenSchema, RevokeTokenSchema } from "@/lib/server/admin/input";
import { issueToken, revokeToken } from "@/lib/server/admin/tokens";
import { defineAction } from "@/lib/server/action";
import { inTransaction } from "@/lib/server/ledger/service";

// A person's own API tokens, from their profile page. Every role may do this
// (permission null: the rule is "only your own", checked in the token module):
// the token acts as its issuer, who is the only one ever to see it.

export const issueOwnTokenAction = defineAction({
  schema: IssueOwnTokenSchema,
  permission: null,
  run: ({ name }, user) => inTransaction((tx) => issueToken(tx, user, { userId: user.id, name, for: "self" })),
  revalidate: () => ["/profile"],
});

export const revokeOwnTokenAction = defineAction({
  schema: RevokeTokenSchema,
  permission: null,
  run: ({ tokenId }, user) => inTransaction((tx) => revokeToken(tx, user, tokenId, user.id)),
  revalidate: () => ["/profile"],
});
