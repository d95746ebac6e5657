"use client";

import { ROLE_LABEL } from "@/lib/domain/roles";
import type { TokenHolder } from "@/lib/server/views/admin";
import { issueTokenAction } from "@/app/actions/admin-actions";
import { Field, errorsFor, inputClass, invalidProps } from "../form/field";
import { FormStatus } from "../form/form-status";
import { SubmitButton } from "../form/submit-button";
import { text, useActionForm } from "../form/use-action-form";
import { IssuedToken } from "./issued-token";

/** Issues a token for a chosen user, or for one fixed user (their detail page). */
export function IssueTokenForm({ holders, userId }: { holders?: TokenHolder[]; userId?: string }) {
  const { onSubmit, pending, result, fields, failed } = useActionForm({
    action: issueTokenAction,
    toInput: (form) => ({ userId: userId ?? text(form, "userId"), name: text(form, "name") }),
  });
  const nameErrors = errorsFor(fields, "name");
  const userErrors = errorsFor(fields, "userId");
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Issue API token" className="grid gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        {holders && (
          <Field label="User" htmlFor="token-user" errors={userErrors} hint="The token acts with this user's role.">
            <select id="token-user" name="userId" defaultValue="" className={inputClass} {...invalidProps("token-user", userErrors)}>
              <option value="" disabled>Choose a user…</option>
              {holders.map((holder) => (
                <option key={holder.id} value={holder.id}>{`${holder.name} (${ROLE_LABEL[holder.role]})`}</option>
              ))}
            </select>
          </Field>
        )}
        <Field label="Token name" htmlFor="token-name" errors={nameErrors} hint="Where it will be used, e.g. “Shopify sync”.">
          <input id="token-name" name="name" autoComplete="off" className={inputClass} {...invalidProps("token-name", nameErrors)} />
        </Field>
      </div>
      {result?.ok ? (
        <IssuedToken token={result.data.token} label={`Token “${result.data.name}” issued for ${result.data.userName}.`} />
      ) : (
        <FormStatus result={result} failed={failed} success={() => null} />
      )}
      <div>
        <SubmitButton pending={pending} pendingText="Issuing…">Issue token</SubmitButton>
      </div>
    </form>
  );
}
