// corpus: renders "Monthly revenue"
import { BarChart, Bar, XAxis, YAxis, CartesianGrid, Tooltip, ResponsiveContainer } from "recharts";
import { TrendingUp, Users, DollarSign } from "lucide-react";

const data = [
  { month: "Jul", revenue: 4200 },
  { month: "Aug", revenue: 5100 },
  { month: "Sep", revenue: 4800 },
  { month: "Oct", revenue: 6300 },
  { month: "Nov", revenue: 7100 },
];

function Stat({ icon: Icon, label, value }: { icon: typeof Users; label: string; value: string }) {
  return (
    <div className="flex items-center gap-3 rounded-xl bg-white p-4 shadow-sm">
      <div className="rounded-lg bg-blue-50 p-2 text-blue-600"><Icon className="h-5 w-5" /></div>
      <div>
        <p className="text-xs text-gray-500">{label}</p>
        <p className="text-lg font-semibold">{value}</p>
      </div>
    </div>
  );
}

export function Dashboard() {
  return (
    <div className="min-h-screen bg-gray-50 p-6">
      <div className="mb-6 grid gap-4 sm:grid-cols-3">
        <Stat icon={DollarSign} label="Revenue" value="$27,500" />
        <Stat icon={Users} label="Customers" value="1,284" />
        <Stat icon={TrendingUp} label="Growth" value="+12.4%" />
      </div>
      <div className="rounded-xl bg-white p-4 shadow-sm">
        <h2 className="mb-4 font-semibold">Monthly revenue</h2>
        <div className="h-64">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" />
              <YAxis />
              <Tooltip />
              <Bar dataKey="revenue" fill="#2563eb" radius={[4, 4, 0, 0]} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
    </div>
  );
}
