// corpus: renders "Total spent"
import { useMemo, useState } from "react";
import { PieChart, Pie, Cell, Legend, ResponsiveContainer } from "recharts";
import { format } from "date-fns";

type Expense = { id: number; label: string; amount: number; category: string; date: Date };

const COLORS: Record<string, string> = {
  Food: "#f97316",
  Transport: "#3b82f6",
  Fun: "#a855f7",
  Bills: "#ef4444",
};

export default function ExpenseTracker() {
  const [expenses, setExpenses] = useState<Expense[]>([
    { id: 1, label: "Groceries", amount: 62.3, category: "Food", date: new Date(2026, 10, 3) },
    { id: 2, label: "Metro card", amount: 30, category: "Transport", date: new Date(2026, 10, 4) },
    { id: 3, label: "Concert", amount: 45, category: "Fun", date: new Date(2026, 10, 8) },
    { id: 4, label: "Electricity", amount: 81.2, category: "Bills", date: new Date(2026, 10, 10) },
  ]);
  const [label, setLabel] = useState("");
  const [amount, setAmount] = useState("");
  const [category, setCategory] = useState("Food");

  const byCategory = useMemo(
    () =>
      Object.keys(COLORS).map((name) => ({
        name,
        value: expenses.filter((e) => e.category === name).reduce((s, e) => s + e.amount, 0),
      })),
    [expenses],
  );
  const total = expenses.reduce((s, e) => s + e.amount, 0);

  return (
    <div className="mx-auto max-w-4xl space-y-6 p-6">
      <div className="grid gap-6 md:grid-cols-2">
        <div className="rounded-xl border p-5">
          <p className="text-sm text-gray-500">Total spent</p>
          <p className="text-4xl font-bold">${total.toFixed(2)}</p>
          <form
            className="mt-4 space-y-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (!label || !amount) return;
              setExpenses([...expenses, { id: Date.now(), label, amount: Number(amount), category, date: new Date() }]);
              setLabel("");
              setAmount("");
            }}
          >
            <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="What" className="w-full rounded border px-2 py-1" />
            <div className="flex gap-2">
              <input value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="Amount" type="number" className="w-full rounded border px-2 py-1" />
              <select value={category} onChange={(e) => setCategory(e.target.value)} className="rounded border px-2">
                {Object.keys(COLORS).map((c) => <option key={c}>{c}</option>)}
              </select>
            </div>
            <button className="w-full rounded bg-gray-900 py-1.5 text-white">Add expense</button>
          </form>
        </div>
        <div className="h-64 rounded-xl border p-2">
          <ResponsiveContainer>
            <PieChart>
              <Pie data={byCategory} dataKey="value" nameKey="name" innerRadius={50} outerRadius={80}>
                {byCategory.map((entry) => (
                  <Cell key={entry.name} fill={COLORS[entry.name]} />
                ))}
              </Pie>
              <Legend />
            </PieChart>
          </ResponsiveContainer>
        </div>
      </div>
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b text-left text-gray-500">
            <th className="py-2">Date</th><th>Item</th><th>Category</th><th className="text-right">Amount</th>
          </tr>
        </thead>
        <tbody>
          {expenses.map((e) => (
            <tr key={e.id} className="border-b last:border-0">
              <td className="py-2">{format(e.date, "MMM d")}</td>
              <td>{e.label}</td>
              <td><span className="rounded-full px-2 py-0.5 text-xs text-white" style={{ background: COLORS[e.category] }}>{e.category}</span></td>
              <td className="text-right">${e.amount.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
