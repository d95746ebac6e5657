"use client";

import { useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { LiveProvider } from "@/components/live/live-provider";

// Inventory figures change under people's feet, but refetching on every focus
// makes tables flicker; a short stale time plus the live stream's invalidation
// (components/live) is the balance.
function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 },
      mutations: { retry: 0 },
    },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab; created lazily so a re-render never drops the cache.
  const [client] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={client}>
      <LiveProvider>{children}</LiveProvider>
    </QueryClientProvider>
  );
}
