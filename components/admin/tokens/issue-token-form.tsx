"use client";

import { ROLE_LABEL } from "@/lib/domain/roles";
import type { ServiceAccount } from "@/lib/server/admin/read";
import { issueTokenAction } from "@/app/actions/admin-actions";
import { issueOwnTokenAction } from "@/app/actions/profile-actions";
import { Field, errorsFor, inputClass, invalidProps } from "../form/field";
import { FormStatus } from "../form/form-status";
import { SubmitButton } from "../form/submit-button";
import { text, useActionForm } from "../form/use-action-form";
import { IssuedToken } from "./issued-token";

type Props =
  /** An admin, for a service account chosen from a list or fixed (its detail page). */
  | { for: "service"; holders?: ServiceAccount[]; userId?: string }
  /** A person, for themself (profile page). */
  | { for: "self" };

export function IssueTokenForm(props: Props) {
  const fixedUser = props.for === "service" ? props.userId : undefined;
  const holders = props.for === "service" ? props.holders : undefined;
  const { onSubmit, pending, result, fields, failed } = useActionForm<{ name: string; userName: string; token: string }>({
    action: (input) => (props.for === "self" ? issueOwnTokenAction(input) : issueTokenAction(input)),
    toInput: (form) => (props.for === "self" ? { name: text(form, "name") } : { userId: fixedUser ?? text(form, "userId"), name: text(form, "name") }),
  });
  const nameErrors = errorsFor(fields, "name");
  const userErrors = errorsFor(fields, "userId");
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Issue API token" className="grid gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        {holders && (
          <Field label="Service account" htmlFor="token-user" errors={userErrors} hint="The token acts as this account, with its role.">
            <select id="token-user" name="userId" defaultValue="" className={inputClass} {...invalidProps("token-user", userErrors)}>
              <option value="" disabled>Choose a service account…</option>
              {holders.map((holder) => (
                <option key={holder.id} value={holder.id}>{`${holder.name} (${ROLE_LABEL[holder.role]})`}</option>
              ))}
            </select>
          </Field>
        )}
        <Field label="Token name" htmlFor="token-name" errors={nameErrors} hint="Where it will be used, e.g. “Shopify sync”. One live token per name.">
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
