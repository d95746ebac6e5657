"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A box that scrolls sideways when its content is wider (a table on a phone),
 * and says so: a hint line and a fade on the edge that hides more columns.
 * It can take keyboard focus then, so arrow keys scroll it too.
 */
export function ScrollArea({ label, children }: { label: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState<{ overflows: boolean; atEnd: boolean }>({ overflows: false, atEnd: true });

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const overflows = element.scrollWidth > element.clientWidth + 1;
      const atEnd = element.scrollLeft + element.clientWidth >= element.scrollWidth - 1;
      setMore((prev) => (prev.overflows === overflows && prev.atEnd === atEnd ? prev : { overflows, atEnd }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    element.addEventListener("scroll", measure, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener("scroll", measure);
    };
  }, []);

  return (
    <div className="relative">
      {more.overflows && (
        <p className="flex items-center justify-end gap-1 border-b border-line px-5 py-1.5 text-xs text-muted" data-testid="scroll-hint">
          Scroll sideways for more columns <span aria-hidden="true">→</span>
        </p>
      )}
      <div
        ref={box}
        className="overflow-x-auto"
        {...(more.overflows ? { tabIndex: 0, role: "region", "aria-label": `${label} (scrolls sideways)` } : {})}
      >
        {children}
      </div>
      {more.overflows && !more.atEnd && (
        <div aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-0 w-8 bg-linear-to-l from-surface to-transparent" />
      )}
    </div>
  );
}
