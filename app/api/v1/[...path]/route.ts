import { problem } from "@/lib/server/api/problem";

// Any /api/v1 address no route claims: the API's own 404, as problem+json, not the HTML page.
function notFound(request: Request): Response {
  return problem(404, "not_found", `There is no API route at ${new URL(request.url).pathname}. See /api/v1/openapi.json.`);
}

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
