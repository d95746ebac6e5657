import type { Metadata } from "next";
import { AdminOverview } from "@/components/admin/admin-overview";
import { areaUser } from "@/lib/server/area";
import { adminOverview } from "@/lib/server/views/catalogue";

export const metadata: Metadata = { title: "Administration" };

export default async function AdminOverviewPage() {
  // The layout shows "Not allowed"; this check keeps the page from reading data regardless.
  if (!(await areaUser("admin"))) return null;
  return <AdminOverview data={await adminOverview()} />;
}
