"use client";
// Filing a disposition request, in two steps in one dialog: the form (district, what to destroy, the
// components or students, a reason), checked with the contract's own schema; then a confirmation that names
// exactly what will be destroyed and by whom, which the person confirms by typing the district's short name.
import { useState } from "react";
import { fieldErrorsOf as zodFieldErrors, humanIssueMessage, type FieldErrors } from "@/contracts/field-messages";
import { dispositionScopeLabels, dispositionScopes, fileDispositionRequest, type DispositionScope, type FileDispositionRequest } from "@/contracts/disposition-api";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { Modal, ModalActions } from "@/components/ui/modal";
import { Notice } from "@/components/ui/notice";
import { LoadingState } from "@/components/ui/states";
import { useViewer } from "@/components/viewer";
import { apiFetch } from "@/lib/client/api-fetch";
import { useApiAction } from "@/lib/client/use-api-action";
import { dispositionKeys, useDispositionOptions } from "./disposition-queries";

type Draft = { tenantId: string; scope: DispositionScope | ""; componentIds: string[]; students: string; reason: string };
const emptyDraft: Draft = { tenantId: "", scope: "", componentIds: [], students: "", reason: "" };

export function FileDispositionDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal open={open} onClose={onClose} title="File a disposition request" size="lg">
      {open ? <FileDispositionSteps onClose={onClose} /> : null}
    </Modal>
  );
}

const studentList = (text: string) => text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);

function FileDispositionSteps({ onClose }: { onClose: () => void }) {
  const platform = useViewer().role === "platform_admin";
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [step, setStep] = useState<"edit" | "confirm">("edit");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [reviewed, setReviewed] = useState<FileDispositionRequest | null>(null);
  const [typed, setTyped] = useState("");
  const options = useDispositionOptions(draft.tenantId);
  const districts = options.data?.districts ?? [];
  // A district's own people file for their district, the one the options name.
  const tenantId = platform ? draft.tenantId : (districts[0]?.id ?? "");
  const district = districts.find((d) => d.id === tenantId);
  const components = options.data?.components ?? [];
  const file = useApiAction({
    run: (body: FileDispositionRequest) => apiFetch("/api/dispositions", { method: "POST", body }),
    success: "Disposition request filed. Each component concerned has been asked to delete and acknowledge.",
    failure: "The disposition request was not filed.",
    invalidate: [dispositionKeys.all],
    onSuccess: onClose,
  });
  const serverErrors = file.fieldErrors;
  const shown = { ...errors, ...serverErrors };

  const request = (): FileDispositionRequest | null => {
    const input = {
      ...(platform ? { tenantId: draft.tenantId || undefined } : {}),
      scope: draft.scope || undefined,
      ...(draft.scope === "components" ? { componentIds: draft.componentIds } : {}),
      ...(draft.scope === "students" ? { studentIds: studentList(draft.students) } : {}),
      ...(draft.reason.trim() ? { reason: draft.reason } : {}),
      confirm: true as const,
    };
    const parsed = fileDispositionRequest.safeParse(input, { error: humanIssueMessage });
    const found: FieldErrors = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (platform && !draft.tenantId) found.tenantId = ["Choose the district."];
    // Student ids are checked one by one; show their messages on the one field.
    const studentMessages = Object.entries(found).filter(([k]) => k.startsWith("studentIds.")).flatMap(([, v]) => v);
    if (studentMessages.length) found.studentIds = [...new Set([...(found.studentIds ?? []), ...studentMessages])];
    setErrors(found);
    file.reset();
    return Object.keys(found).length === 0 && parsed.success ? parsed.data : null;
  };

  if (options.isPending && !options.data) return <LoadingState label="Loading the district's components…" />;
  if (options.data && districts.length === 0) {
    return (
      <div className="space-y-4">
        <Notice tone="info" title={platform ? "There is no district yet." : "Only a school district files a disposition request."}>
          {platform ? "Create a district tenant first; its requests are filed here." : "Your organisation is not a school district tenant."}
        </Notice>
        <ModalActions>
          <Button type="button" variant="secondary" onClick={onClose}>
            Close
          </Button>
        </ModalActions>
      </div>
    );
  }

  if (step === "confirm" && district && reviewed) {
    const concerned = draft.scope === "components" ? components.filter((c) => draft.componentIds.includes(c.id)) : components;
    const ready = typed.trim() === district.slug;
    return (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && !file.isPending) file.mutate(reviewed, { onError: () => setStep("edit") });
        }}
      >
        <ConfirmSummary districtName={district.name} scope={reviewed.scope} components={concerned.map((c) => c.name)} students={reviewed.studentIds ?? []} />
        <div className="mt-4 space-y-1">
          <label htmlFor="disposition-confirm" className="block text-sm font-medium">
            Type <code className="rounded bg-slate-100 px-1 font-mono">{district.slug}</code> to confirm
          </label>
          <input
            id="disposition-confirm"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
            className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-base sm:text-sm"
          />
        </div>
        <ModalActions>
          <Button type="button" variant="secondary" onClick={() => setStep("edit")} disabled={file.isPending}>
            Back
          </Button>
          <Button type="submit" variant="danger" disabled={!ready || file.isPending}>
            {file.isPending ? "Filing…" : "File the request: destroy the data"}
          </Button>
        </ModalActions>
      </form>
    );
  }

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const body = request();
        if (body) {
          setReviewed(body);
          setTyped("");
          setStep("confirm");
        }
      }}
    >
      {Object.keys(shown).length ? <Notice tone="error" title="Check the highlighted fields." /> : null}
      {platform ? (
        <SelectField
          name="tenantId"
          id="disposition-district"
          label="District"
          value={draft.tenantId}
          onChange={(e) => setDraft({ ...draft, tenantId: e.target.value, componentIds: [] })}
          errors={shown.tenantId}
          options={[{ value: "", label: "Choose a district" }, ...districts.map((d) => ({ value: d.id, label: d.name }))]}
        />
      ) : (
        <p className="text-sm">
          District: <span className="font-medium">{district?.name ?? "your district"}</span>
        </p>
      )}
      <fieldset aria-describedby={shown.scope ? "disposition-scope-error" : undefined}>
        <legend className="text-sm font-medium text-slate-900">What is to be destroyed</legend>
        <div className="mt-1 space-y-1">
          {dispositionScopes.map((scope) => (
            <label key={scope} className="flex items-center gap-2 text-sm">
              <input type="radio" name="scope" value={scope} checked={draft.scope === scope} onChange={() => setDraft({ ...draft, scope })} />
              {dispositionScopeLabels[scope]}
            </label>
          ))}
        </div>
        <Errors id="disposition-scope-error" messages={shown.scope} />
      </fieldset>
      {draft.scope === "components" ? (
        <fieldset aria-describedby={shown.componentIds ? "disposition-components-error" : undefined}>
          <legend className="text-sm font-medium text-slate-900">Components</legend>
          {components.length === 0 ? (
            <p className="text-sm text-slate-700">{tenantId ? "No component is licensed to this district." : "Choose the district first."}</p>
          ) : (
            <div className="mt-1 space-y-1">
              {components.map((c) => (
                <label key={c.id} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="componentIds"
                    value={c.id}
                    checked={draft.componentIds.includes(c.id)}
                    onChange={(e) => setDraft({ ...draft, componentIds: e.target.checked ? [...draft.componentIds, c.id] : draft.componentIds.filter((id) => id !== c.id) })}
                  />
                  {c.name} <code className="font-mono text-xs">{c.key}</code>
                </label>
              ))}
            </div>
          )}
          <Errors id="disposition-components-error" messages={shown.componentIds} />
        </fieldset>
      ) : null}
      {draft.scope === "students" ? (
        <TextArea
          id="disposition-students"
          label="Students (pseudonymous ids)"
          hint="One per line or separated by commas, as the components know them (e.g. stu-0042); never a name or email."
          value={draft.students}
          onChange={(students) => setDraft({ ...draft, students })}
          errors={shown.studentIds}
        />
      ) : null}
      <TextArea id="disposition-reason" label="Reason (optional)" hint="For instance: the agreement ended on 30 November." value={draft.reason} onChange={(reason) => setDraft({ ...draft, reason })} errors={shown.reason} />
      <ModalActions>
        <Button type="button" variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit">Review the request</Button>
      </ModalActions>
    </form>
  );
}

function ConfirmSummary({ districtName, scope, components, students }: { districtName: string; scope: DispositionScope; components: string[]; students: string[] }) {
  const who = components.length ? components.join(", ") : "no licensed component";
  return (
    <div className="space-y-2 text-sm">
      <Notice tone="warning" title="This cannot be undone.">
        {scope === "all" ? (
          <p>
            All of {districtName}&apos;s data will be destroyed: {who} will each be asked to delete everything they hold for the district, and Tessera will
            destroy the district&apos;s data key, so that its license keys can never be read again, and revoke its live licenses, with their tokens.
          </p>
        ) : scope === "components" ? (
          <p>
            {who} will each be asked to delete everything they hold for {districtName}. Tessera holds no student records of its own for these components.
          </p>
        ) : (
          <p>
            The records of {students.length} student(s) ({students.slice(0, 10).join(", ")}
            {students.length > 10 ? ", …" : ""}) will be deleted by {who}. Tessera holds no student records of its own.
          </p>
        )}
      </Notice>
      <p>The district gets a signed certificate of destruction when every component has acknowledged. The audit log keeps the record of each step.</p>
    </div>
  );
}

function Errors({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <ul id={id} className="mt-1 text-sm font-medium text-red-700">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

function TextArea({ id, label, hint, value, onChange, errors }: { id: string; label: string; hint: string; value: string; onChange: (v: string) => void; errors?: string[] }) {
  const describedBy = [`${id}-hint`, errors?.length ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <textarea
        id={id}
        rows={3}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        className={`block w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm sm:text-sm ${errors?.length ? "border-red-600" : "border-slate-400"}`}
      />
      <div id={`${id}-hint`} className="text-sm text-slate-600">
        {hint}
      </div>
      <Errors id={`${id}-error`} messages={errors} />
    </div>
  );
}
