import type { Paged } from "@/lib/server/views/admin";
import type { SkuRow } from "@/lib/server/views/catalogue";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "../pager";
import { CreateSkuForm } from "./create-sku-form";
import { SkuAdminTable } from "./sku-admin-table";
import { SkuSearch } from "./sku-search";

export function SkusScreen({ skus, q }: { skus: Paged<SkuRow>; q: string }) {
  const href = (page: number) => `/admin/catalogue?${new URLSearchParams({ ...(q ? { q } : {}), page: String(page) })}`;
  return (
    <>
      <PageHeader title="SKUs" description="The catalogue every area reads." />
      <div className="grid gap-6">
        <Card title="New SKU">
          <CreateSkuForm />
        </Card>
        <Card title="Catalogue" description={q ? `Matching “${q}”` : "All SKUs, by code"} flush>
          <SkuSearch q={q} />
          <div className="border-t border-line">
            <SkuAdminTable skus={skus.rows} q={q} />
          </div>
          <Pager {...skus} noun="SKUs" href={href} />
        </Card>
      </div>
    </>
  );
}
