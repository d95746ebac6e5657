import type { LocationOption } from "@/lib/server/views/warehouse-stock";
import { ROLE_LABEL, type Role } from "@/lib/domain/roles";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EventForm, type FormField } from "./event-form";

/** The events the Record screen posts, one form each; a role sees the forms of those it may post. */
export const RECORD_TYPES = ["invoice.match", "po.confirm", "cost.change", "writeoff"] as const;
type RecordType = (typeof RECORD_TYPES)[number];

/** What the GRNI screen's "Record invoice" link fills in. */
export type InvoicePrefill = { po?: string; sku?: string; location?: string; qty?: string };

const locationField = (locations: LocationOption[], defaultValue?: string, blank?: string): FormField => ({
  name: "location",
  label: "Location",
  kind: "select",
  defaultValue,
  options: [...(blank ? [{ value: "", label: blank }] : []), ...locations.map((l) => ({ value: l.code, label: `${l.code} · ${l.name}` }))],
});

/** One of the screen's forms: the event it posts, its card and its fields. */
type RecordForm = { type: RecordType; id: string; title: string; description: string; submitLabel: string; fields: FormField[] };

function recordForms(locations: LocationOption[], invoice: InvoicePrefill): RecordForm[] {
  const sku = (defaultValue?: string): FormField => ({ name: "sku", label: "SKU", kind: "code", defaultValue });
  const qty: FormField = { name: "qty", label: "Units", kind: "qty" };
  return [
    {
      type: "invoice.match",
      id: "invoice-form",
      title: "Supplier invoice",
      description: "Matches received units of a PO. GRNI falls by their value at PO cost; a different invoice price books a price variance (standard cost) or adjusts the units' cost.",
      submitLabel: "Record invoice",
      fields: [
        { name: "reference", label: "PO number", kind: "code", defaultValue: invoice.po, keep: true },
        sku(invoice.sku),
        locationField(locations, invoice.location),
        { ...qty, defaultValue: invoice.qty },
        { name: "unitCost", label: "Invoiced unit price", kind: "money" },
        { name: "reason", label: "Note", kind: "text", hint: "Optional: the invoice number, say" },
      ],
    },
    {
      type: "po.confirm",
      id: "po-form",
      title: "Purchase order",
      description: "Units confirmed by a supplier: on order until received. Under FOB shipping point they are yours from the supplier's shipment; under FOB destination from receipt.",
      submitLabel: "Confirm purchase order",
      fields: [
        { name: "reference", label: "PO number", kind: "code", keep: true },
        { name: "supplier", label: "Supplier", kind: "text", keep: true },
        sku(),
        locationField(locations),
        qty,
        { name: "unitCost", label: "Unit cost", kind: "money" },
        { name: "eta", label: "Expected on", kind: "date", keep: true },
        { name: "fob", label: "FOB", kind: "select", keep: true, options: [{ value: "destination", label: "Destination" }, { value: "shipping_point", label: "Shipping point" }] },
      ],
    },
    {
      type: "cost.change",
      id: "cost-form",
      title: "Standard cost change",
      description: "Revalues the units on hand at the new standard cost. Another finance user approves it first; the approval shows the revaluation.",
      submitLabel: "Request cost change",
      fields: [sku(), locationField(locations, "", "Every location"), { name: "standardCost", label: "New standard cost", kind: "money" }, { name: "reason", label: "Reason", kind: "text" }],
    },
    {
      type: "writeoff",
      id: "writeoff-form",
      title: "Write-off",
      description: "Takes damaged units off the books (damaged → scrap) at their cost. Another finance user approves it first; the approval shows the value written off.",
      submitLabel: "Request write-off",
      fields: [sku(), locationField(locations), { name: "bin", label: "Bin", kind: "code", hint: "Blank: no bin" }, qty, { name: "reason", label: "Reason", kind: "text" }],
    },
  ];
}

/**
 * The controller's everyday postings, each one event of the ledger: a supplier
 * invoice against its PO (clears GRNI, books any price variance), a confirmed
 * purchase order, a standard cost change and a write-off of damaged stock (both
 * wait for another approver). A role sees the forms of the events it may post.
 */
export function RecordScreen({ role, postable, locations, invoice }: { role: Role; postable: RecordType[]; locations: LocationOption[]; invoice: InvoicePrefill }) {
  const forms = recordForms(locations, invoice).filter((form) => postable.includes(form.type));
  return (
    <>
      <PageHeader
        title="Record"
        description="Post a supplier invoice, a purchase order, a standard cost change or a write-off. Each is one event of the ledger: it shows at once on the valuation, GRNI and journal screens, or waits on the Approvals screen where another person must decide it."
      />
      {postable.length < RECORD_TYPES.length && (
        <p role="status" className="mb-6 rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700">
          {postable.length
            ? `The ${ROLE_LABEL[role]} role posts only some of these; the others belong to Finance.`
            : `These postings belong to the Finance role. As ${ROLE_LABEL[role]} you can read every finance screen, but not post from this one.`}
        </p>
      )}
      <div className="grid gap-6">
        {forms.map(({ type, id, title, description, submitLabel, fields }) => (
          <Card key={id} title={title} description={description}>
            <EventForm id={id} type={type} submitLabel={submitLabel} fields={fields} />
          </Card>
        ))}
      </div>
    </>
  );
}
