// 404 for any unknown address.
import Link from "next/link";
import { AuthCard } from "@/components/ui/auth-card";

export default function NotFound() {
  return (
    <AuthCard title="Page not found">
      <p className="text-sm text-slate-700">
        There is nothing at this address.{" "}
        <Link href="/" className="font-semibold text-indigo-800 underline">
          Go to the dashboard
        </Link>
      </p>
    </AuthCard>
  );
}
