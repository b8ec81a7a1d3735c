// What a person with no linked bank sees instead of the dashboard: an invitation and the Link button.
import type { LinkActions } from "@/components/connections/actions";
import { LinkButton } from "@/components/connections/link-button";
import { EmptyPanel } from "@/components/empty-panel";
import type { LinkEnvironment } from "@/lib/plaid/link-environment";

export function EmptyState({ linkEnvironment, actions }: { linkEnvironment: LinkEnvironment; actions: LinkActions }) {
  return (
    <EmptyPanel
      id="empty-heading"
      icon={<path d="M3 10 12 4l9 6M5 10v8m4.67-8v8m4.66-8v8M19 10v8M3 20h18" />}
      heading="No banks linked yet"
      text="Link your first bank to see every account, its balance and how it changes over time, all in one place."
    >
      <div className="mt-6 flex justify-center">
        <LinkButton mode="create" label="Link a bank" environment={linkEnvironment} actions={actions} />
      </div>
    </EmptyPanel>
  );
}
