// corpus: renders "San Francisco"
import React, { useMemo, useState } from "react";
import { Cloud, CloudRain, Sun, Wind, Droplets } from "lucide-react";
import { AreaChart, Area, XAxis, YAxis, Tooltip, ResponsiveContainer } from "recharts";

type Day = { day: string; high: number; low: number; kind: "sun" | "cloud" | "rain" };

const CITIES: Record<string, Day[]> = {
  "San Francisco": [
    { day: "Mon", high: 19, low: 12, kind: "cloud" },
    { day: "Tue", high: 21, low: 13, kind: "sun" },
    { day: "Wed", high: 18, low: 12, kind: "rain" },
    { day: "Thu", high: 20, low: 11, kind: "sun" },
    { day: "Fri", high: 22, low: 14, kind: "sun" },
  ],
  Seattle: [
    { day: "Mon", high: 14, low: 8, kind: "rain" },
    { day: "Tue", high: 13, low: 7, kind: "rain" },
    { day: "Wed", high: 16, low: 9, kind: "cloud" },
    { day: "Thu", high: 17, low: 10, kind: "cloud" },
    { day: "Fri", high: 15, low: 9, kind: "rain" },
  ],
};

const icon = (kind: Day["kind"]) =>
  kind === "sun" ? <Sun className="text-amber-400" /> : kind === "rain" ? <CloudRain className="text-sky-400" /> : <Cloud className="text-slate-400" />;

export default function WeatherDashboard() {
  const [city, setCity] = useState("San Francisco");
  const days = CITIES[city];
  const today = days[0];
  const avg = useMemo(() => Math.round(days.reduce((s, d) => s + d.high, 0) / days.length), [days]);

  return (
    <div className="min-h-screen bg-slate-900 p-6 text-slate-100">
      <div className="mx-auto max-w-3xl space-y-6">
        <header className="flex items-center justify-between">
          <h1 className="text-2xl font-semibold">{city}</h1>
          <select
            value={city}
            onChange={(e) => setCity(e.target.value)}
            className="rounded-md border border-slate-700 bg-slate-800 px-3 py-1.5"
          >
            {Object.keys(CITIES).map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </header>
        <section className="grid gap-4 sm:grid-cols-3">
          <div className="rounded-xl bg-slate-800 p-5 sm:col-span-2 flex items-center gap-5">
            <div className="[&>svg]:h-16 [&>svg]:w-16">{icon(today.kind)}</div>
            <div>
              <p className="text-5xl font-bold">{today.high}°</p>
              <p className="text-slate-400">Low {today.low}° · weekly avg {avg}°</p>
            </div>
          </div>
          <div className="space-y-3 rounded-xl bg-slate-800 p-5 text-sm">
            <p className="flex items-center gap-2"><Wind size={16} /> 14 km/h NW</p>
            <p className="flex items-center gap-2"><Droplets size={16} /> Humidity 71%</p>
          </div>
        </section>
        <section className="h-56 rounded-xl bg-slate-800 p-4">
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={days}>
              <XAxis dataKey="day" stroke="#94a3b8" />
              <YAxis stroke="#94a3b8" />
              <Tooltip />
              <Area type="monotone" dataKey="high" stroke="#f59e0b" fill="#f59e0b33" />
              <Area type="monotone" dataKey="low" stroke="#38bdf8" fill="#38bdf833" />
            </AreaChart>
          </ResponsiveContainer>
        </section>
        <section className="grid grid-cols-5 gap-3">
          {days.map((d) => (
            <div key={d.day} className="flex flex-col items-center gap-2 rounded-lg bg-slate-800 py-3">
              <span className="text-sm text-slate-400">{d.day}</span>
              {icon(d.kind)}
              <span className="font-medium">{d.high}°</span>
            </div>
          ))}
        </section>
      </div>
    </div>
  );
}
