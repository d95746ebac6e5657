import type { Metadata } from "next";
import { TraceScreen } from "@/components/trace/trace-screen";
import { SkuPicker } from "@/components/trace/sku-picker";
import { isDomainError } from "@/lib/domain/errors";
import { can } from "@/lib/domain/roles";
import { pathParam } from "@/lib/server/api/handler";
import { currentUser } from "@/lib/server/session";
import { skuTrace } from "@/lib/server/views/trace";
import { traceFilter, TraceQuerySchema } from "@/app/api/v1/skus/[sku]/trace/query";
import { PageLive } from "@/components/live/page-live";
import { lastSeq } from "@/lib/server/live/catch-up";
import { db } from "@/lib/server/sql";

export const metadata: Metadata = { title: "Trace" };

type Query = Record<string, string | string[] | undefined>;

export default async function TracePage({ params, searchParams }: { params: Promise<{ sku: string }>; searchParams: Promise<Query> }) {
  const user = await currentUser();
  if (!user || !can(user.role, "trace.read")) return null;
  const [{ sku }, query] = await Promise.all([params, searchParams]);
  // Empty form fields arrive as "": they mean "no filter", not bad input.
  const given = Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].trim() !== ""));
  const parsed = TraceQuerySchema.safeParse(given);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ");
    return <SkuPicker sku={pathParam(sku)} problem={`The filter was not understood: ${fields}.`} />;
  }
  // Read first: the figures below include at least this event.
  const seq = await lastSeq(db);
  const page = await skuTrace(pathParam(sku), traceFilter(parsed.data)).catch((error: unknown) => {
    if (isDomainError(error)) return error;
    throw error;
  });
  if (isDomainError(page)) return <SkuPicker sku={pathParam(sku)} problem={page.message} />;
  return (
    <>
      <PageLive seq={seq} skus={[pathParam(sku)]} />
      <TraceScreen page={page} query={{ reference: given.reference ?? "", from: given.from ?? "", to: given.to ?? "" }} />
    </>
  );
}
