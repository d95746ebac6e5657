import type { Metadata } from "next";
import { SkusScreen } from "@/components/admin/catalogue/skus-screen";
import { areaUser } from "@/lib/server/area";
import { pageParam } from "@/lib/server/views/admin";
import { skuPage } from "@/lib/server/views/catalogue";

export const metadata: Metadata = { title: "SKUs · Administration" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CataloguePage({ searchParams }: Props) {
  if (!(await areaUser("admin"))) return null;
  const query = await searchParams;
  const q = typeof query.q === "string" ? query.q.trim().slice(0, 100) : "";
  return <SkusScreen skus={await skuPage({ q, page: pageParam(query.page) })} q={q} />;
}
