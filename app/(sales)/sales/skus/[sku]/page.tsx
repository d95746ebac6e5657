import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { queryText, resolveChannel } from "@/components/sales/resolve-channel";
import { SkuSalesScreen } from "@/components/sales/sku/sku-sales-screen";
import { UnknownChannel } from "@/components/sales/unknown-channel";
import { isDomainError } from "@/lib/domain/errors";
import { can } from "@/lib/domain/roles";
import { areaUser } from "@/lib/server/area";
import { demandView, salesSku } from "@/lib/server/views/sales";

type Props = {
  params: Promise<{ sku: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${skuParam((await params).sku)} · Sales` };
}

/** The SKU in the address: decoded once, and a literal '%' (or a bad escape) is just a character, not a crash. */
function skuParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** A quantity from the address: a whole number of units, else none (the calculator asks again). */
function qtyParam(value: string): number | null {
  return /^\d{1,7}$/.test(value) && Number(value) > 0 ? Number(value) : null;
}

export default async function SkuSalesPage({ params, searchParams }: Props) {
  const user = await areaUser("sales");
  if (!user) return null;
  const [{ sku: raw }, query] = await Promise.all([params, searchParams]);
  const sku = skuParam(raw);
  // PostgreSQL text cannot hold U+0000; no SKU code contains it.
  if (sku.includes("\0")) notFound();
  const channel = await resolveChannel(queryText(query.channel) || undefined);
  if (!channel.known) return <UnknownChannel code={channel.code} channels={channel.channels} path={`/sales/skus/${encodeURIComponent(sku)}`} />;
  const qty = qtyParam(queryText(query.qty));
  const [{ channels, ...view }, demand] = await Promise.all([
    salesSku(sku, { channel: channel.code, qty: qty ?? undefined }),
    demandView(sku, { channel: channel.code }),
  ]).catch(unknownSkuIsNotFound);
  return <SkuSalesScreen initial={view} initialQty={qty} demand={demand} channels={channels} canOrder={can(user.role, "order.write")} />;
}

function unknownSkuIsNotFound(error: unknown): never {
  if (isDomainError(error) && error.code === "unknown_sku") notFound();
  throw error;
}
