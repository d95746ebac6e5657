import { decisionRoute } from "@/lib/server/api/decision";

export const POST = decisionRoute("approve");
