import { z } from "zod";
import { apiRoute, json, methodNotAllowed, parseWith } from "@/lib/server/api/handler";
import { listApprovals } from "@/lib/server/ledger/approval-store";
import { db } from "@/lib/server/sql";

const QuerySchema = z.object({
  status: z.enum(["pending", "approved", "rejected"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const GET = apiRoute("approvals.read", async ({ url }) => {
  const query = parseWith(QuerySchema, Object.fromEntries(url.searchParams));
  return json({ approvals: await listApprovals(db, query) });
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
