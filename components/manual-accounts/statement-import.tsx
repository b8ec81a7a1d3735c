"use client";
// Importing a statement into a manual account: choose the file; a CSV then asks which column holds
// what, previewing the first rows as they will be imported; an OFX or QFX file goes straight to its
// preview. Import writes everything or nothing and says what it imported and skipped. The file stays
// chosen between the steps (the form is submitted by hand, so React never resets it).
import Link from "next/link";
import { type FormEvent, startTransition, useActionState, useRef, useState } from "react";
import type { FormAction } from "@/components/form-action";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, INPUT_CLASS } from "@/components/ui/field";
import { FormStatus } from "./form-status";
import { MappingFields } from "./mapping-fields";
import { PreviewTable } from "./preview-table";
import type { StatementInspection } from "./statement-types";

export function StatementImport({
  accountId,
  inspect,
  importFile,
  maxMegabytes,
}: {
  accountId: string;
  inspect: FormAction<StatementInspection>;
  importFile: FormAction<{ imported: number; skipped: number }>;
  maxMegabytes: number;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [inspection, runInspect, inspecting] = useActionState(inspect, {});
  const [result, runImport, importing] = useActionState(importFile, {});
  // Which file choice (a count of choices) the last preview and the last import were of: a file chosen
  // since is neither previewed nor imported, so its mapping, preview and Import button wait for Preview.
  const [chosen, setChosen] = useState(0);
  const [previewed, setPreviewed] = useState(-1);
  const [imported, setImported] = useState(-1);
  const data = inspection.ok && previewed === chosen ? inspection.data : undefined;
  const done = result.ok && imported === chosen && result.data;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const formData = new FormData(event.currentTarget);
    if (submitter?.value === "import") setImported(chosen);
    else setPreviewed(chosen);
    startTransition(() => (submitter?.value === "import" ? runImport(formData) : runInspect(formData)));
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="space-y-6">
      <input type="hidden" name="accountId" value={accountId} />
      <Field
        id="file"
        label="Statement file"
        hint={`CSV, OFX or QFX, up to ${maxMegabytes} MB.`}
        errors={inspection.errors?.file ?? result.errors?.file}
      >
        {(control) => (
          <input
            {...control}
            name="file"
            type="file"
            accept=".csv,.ofx,.qfx,text/csv"
            onChange={() => setChosen((count) => count + 1)}
            className={`${INPUT_CLASS} file:mr-3 file:min-h-6 file:rounded-md file:border-0 file:bg-slate-100 file:px-2 dark:file:bg-slate-800`}
          />
        )}
      </Field>
      {/* A new file starts over: its columns are not the last one's. */}
      {data?.format === "csv" && data.mapping ? (
        <MappingFields key={chosen} headers={data.headers} mapping={data.mapping} />
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="submit"
          value="inspect"
          variant={data ? "secondary" : "primary"}
          disabled={inspecting || importing}
        >
          {inspecting ? "Reading…" : data?.format === "csv" ? "Update preview" : "Preview"}
        </Button>
        {data?.preview ? (
          <Button type="submit" value="import" disabled={inspecting || importing}>
            {importing
              ? "Importing…"
              : `Import ${data.preview.total} ${data.preview.total === 1 ? "transaction" : "transactions"}`}
          </Button>
        ) : null}
      </div>
      <FormStatus state={inspection.ok ? { ...result } : inspection} />
      {data?.problem ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {data.problem}
        </p>
      ) : null}
      {done ? (
        <section aria-labelledby="import-summary" className="space-y-2 rounded-xl border border-emerald-300 p-4">
          <h2 id="import-summary" className="font-semibold">
            Import finished
          </h2>
          <p>
            Imported {done.imported}, skipped {done.skipped} {done.skipped === 1 ? "duplicate" : "duplicates"}.
          </p>
          <Link href={`/accounts/${accountId}`} className={buttonClass({ variant: "secondary", size: "sm" })}>
            See the transactions
          </Link>
        </section>
      ) : data?.preview ? (
        <PreviewTable preview={data.preview} />
      ) : null}
    </form>
  );
}
