import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SkuPicker } from "@/components/trace/sku-picker";
import { can } from "@/lib/domain/roles";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Trace" };

/** `/trace?sku=X` goes to X's trace, so the picker is a plain GET form that works before hydration. */
export default async function TracePickerPage({ searchParams }: { searchParams: Promise<{ sku?: string }> }) {
  const user = await currentUser();
  if (!user || !can(user.role, "trace.read")) return null;
  const sku = (await searchParams).sku?.trim().toUpperCase();
  if (sku) redirect(`/trace/${encodeURIComponent(sku)}`);
  return <SkuPicker />;
}
