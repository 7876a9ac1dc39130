// corpus: renders "Tip per person"
import React, { useState } from "react";

export default function TipCalculator() {
  const [bill, setBill] = useState("84.50");
  const [tip, setTip] = useState(18);
  const [people, setPeople] = useState(2);

  const amount = parseFloat(bill) || 0;
  const tipTotal = (amount * tip) / 100;
  const perPerson = people > 0 ? (amount + tipTotal) / people : 0;

  return (
    <div className="min-h-screen bg-gradient-to-br from-emerald-50 to-teal-100 flex items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-2xl bg-white p-6 shadow-xl space-y-5">
        <h1 className="text-2xl font-bold text-gray-800">Split the bill</h1>
        <label className="block">
          <span className="text-sm font-medium text-gray-600">Bill amount</span>
          <input
            type="number"
            value={bill}
            onChange={(e) => setBill(e.target.value)}
            className="mt-1 w-full rounded-lg border border-gray-300 px-3 py-2 focus:outline-none focus:ring-2 focus:ring-teal-500"
          />
        </label>
        <div>
          <span className="text-sm font-medium text-gray-600">Tip</span>
          <div className="mt-2 grid grid-cols-4 gap-2">
            {[10, 15, 18, 20].map((p) => (
              <button
                key={p}
                onClick={() => setTip(p)}
                className={`rounded-lg py-2 text-sm font-semibold transition ${
                  tip === p ? "bg-teal-600 text-white" : "bg-gray-100 text-gray-700 hover:bg-gray-200"
                }`}
              >
                {p}%
              </button>
            ))}
          </div>
        </div>
        <div className="flex items-center justify-between">
          <span className="text-sm font-medium text-gray-600">People</span>
          <div className="flex items-center gap-3">
            <button onClick={() => setPeople(Math.max(1, people - 1))} className="h-8 w-8 rounded-full bg-gray-100">-</button>
            <span className="w-6 text-center font-semibold">{people}</span>
            <button onClick={() => setPeople(people + 1)} className="h-8 w-8 rounded-full bg-gray-100">+</button>
          </div>
        </div>
        <div className="rounded-xl bg-teal-700 p-4 text-white">
          <div className="flex justify-between text-sm opacity-80">
            <span>Tip total</span>
            <span>${tipTotal.toFixed(2)}</span>
          </div>
          <div className="mt-2 flex justify-between text-lg font-bold">
            <span>Tip per person</span>
            <span>${perPerson.toFixed(2)}</span>
          </div>
        </div>
      </div>
    </div>
  );
}
