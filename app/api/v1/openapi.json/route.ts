import { openApiDocument } from "@/lib/server/api/openapi";

// Public: the contract itself holds no data.
export function GET() {
  return Response.json(openApiDocument());
}
