import { useState } from 'react';
import { DollarSign, Users } from 'lucide-react';
import { StatCard } from './StatCard';

export default function Dashboard() {
  const [range, setRange] = useState<'7d' | '30d'>('7d');
  const revenue = range === '7d' ? 12480 : 48210;
  return (
    <main className="min-h-screen bg-slate-50 p-8">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Overview</h1>
        <button className="rounded-md border px-3 py-1 text-sm" onClick={() => setRange(range === '7d' ? '30d' : '7d')}>
          Last {range}
        </button>
      </div>
      <div className="mt-6 grid grid-cols-2 gap-4">
        <StatCard label="Revenue" value={`$${revenue.toLocaleString()}`} icon={<DollarSign className="h-4 w-4" />} />
        <StatCard label="Active users" value="1,204" icon={<Users className="h-4 w-4" />} />
      </div>
    </main>
  );
}
