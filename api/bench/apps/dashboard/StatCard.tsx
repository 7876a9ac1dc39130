import type { ReactNode } from 'react';

export function StatCard({ label, value, icon }: { label: string; value: string; icon: ReactNode }) {
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm">
      <div className="flex items-center justify-between text-sm text-slate-500">{label}{icon}</div>
      <p className="mt-2 text-3xl font-bold">{value}</p>
    </div>
  );
}
