"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { FeedbackLine } from "@/components/forms/feedback-line";
import type { Feedback } from "./use-warehouse-event";

const Report = createContext<(feedback: Feedback) => void>(() => {});

/**
 * Holds the answer to the last action on a list. It sits above the rows, so the
 * answer stays in view when the row it came from leaves the list (all units moved on).
 */
export function FeedbackProvider({ children, testId }: { children: ReactNode; testId: string }) {
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  return (
    <Report.Provider value={setFeedback}>
      <div className="sticky top-0 z-10 mb-3 empty:hidden">
        <FeedbackLine feedback={feedback} testId={testId} />
      </div>
      {children}
    </Report.Provider>
  );
}

export const useReport = () => useContext(Report);
