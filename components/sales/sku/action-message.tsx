import type { OrderFormState } from "@/app/actions/sales-actions";

type State = NonNullable<OrderFormState>;

/** The answer to the last submission, in the words the action chose for a rep. */
export function ActionMessage({ state, success }: { state: OrderFormState; success?: (state: State) => string }) {
  if (!state) return null;
  if (state.ok) {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        {success ? success(state) : state.message}
      </p>
    );
  }
  return (
    <p role="alert" className="rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700" data-testid="order-refusal">
      {state.message}
    </p>
  );
}
