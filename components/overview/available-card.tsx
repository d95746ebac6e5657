import { Card } from "@/components/ui/card";
import { CodeText } from "@/components/ui/code-text";
import { ATP_CALLERS, ATP_FENCE, ATP_FORMULA, ATP_MODULE } from "./atp-registry";

export function AvailableCard() {
  return (
    <Card title="Is “available” defined once?" description={<>One function, <CodeText>{ATP_MODULE}</CodeText>; a test keeps this list true to the code.</>}>
      <div data-testid="answer-available">
        <p className="rounded-md bg-canvas px-3 py-2 font-mono text-sm" data-testid="atp-formula">{ATP_FORMULA}</p>
        <p className="mt-1 text-xs text-muted">where {ATP_FENCE}.</p>
        <p className="mt-3 text-sm font-medium">Used in {ATP_CALLERS.length} places</p>
        <ul className="mt-1 space-y-1.5 text-sm">
          {ATP_CALLERS.map((caller) => (
            <li key={caller.module}>
              <CodeText>{caller.module}</CodeText>
              <span className="block text-xs text-muted">{caller.purpose} ({caller.uses.join(", ")})</span>
            </li>
          ))}
        </ul>
      </div>
    </Card>
  );
}
