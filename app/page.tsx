import { redirect } from "next/navigation";

// The dashboard is home; proxy.ts sends people without a session to sign in first.
export default function HomePage() {
  redirect("/accounts");
}
