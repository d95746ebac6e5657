"use client";

import { ErrorScreen } from "@/components/shell/error-screen";

/** Any screen that fails to render (a database outage most often) lands here instead of Next's default page. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorScreen error={error} retry={retry} />;
}
