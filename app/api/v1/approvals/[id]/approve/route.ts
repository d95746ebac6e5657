import { decisionRoute } from "@/lib/server/api/decision";
import { methodNotAllowed } from "@/lib/server/api/handler";

export const POST = decisionRoute("approve");

const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
