// corpus: renders "Habits this week"
import { useState } from "react";
import { addDays, format, startOfWeek, isSameDay } from "date-fns";
import { Check, Flame } from "lucide-react";
import clsx from "clsx";

const HABITS = ["Drink water", "Read 20 min", "Stretch", "No phone after 10pm"];

export default function HabitTracker() {
  const weekStart = startOfWeek(new Date(), { weekStartsOn: 1 });
  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const [done, setDone] = useState<Record<string, boolean>>(() => {
    try {
      return JSON.parse(sessionStorage.getItem("habits") || "{}");
    } catch {
      return {};
    }
  });

  const toggle = (habit: string, day: Date) => {
    const key = `${habit}|${format(day, "yyyy-MM-dd")}`;
    const next = { ...done, [key]: !done[key] };
    setDone(next);
    sessionStorage.setItem("habits", JSON.stringify(next));
  };

  const streak = (habit: string) => days.filter((d) => done[`${habit}|${format(d, "yyyy-MM-dd")}`]).length;

  return (
    <div className="min-h-screen bg-zinc-950 p-6 text-zinc-100">
      <h1 className="mb-6 text-2xl font-bold">Habits this week</h1>
      <div className="overflow-x-auto rounded-xl border border-zinc-800">
        <table className="w-full">
          <thead>
            <tr className="text-xs uppercase text-zinc-400">
              <th className="p-3 text-left">Habit</th>
              {days.map((d) => (
                <th key={d.toISOString()} className={clsx("p-3", isSameDay(d, new Date()) && "text-emerald-400")}>
                  {format(d, "EEE")}
                </th>
              ))}
              <th className="p-3">Streak</th>
            </tr>
          </thead>
          <tbody>
            {HABITS.map((habit) => (
              <tr key={habit} className="border-t border-zinc-800">
                <td className="p-3 text-sm">{habit}</td>
                {days.map((d) => {
                  const on = done[`${habit}|${format(d, "yyyy-MM-dd")}`];
                  return (
                    <td key={d.toISOString()} className="p-2 text-center">
                      <button
                        onClick={() => toggle(habit, d)}
                        className={clsx(
                          "mx-auto flex h-8 w-8 items-center justify-center rounded-lg border transition",
                          on ? "border-emerald-500 bg-emerald-500 text-zinc-950" : "border-zinc-700 hover:border-zinc-500",
                        )}
                      >
                        {on && <Check className="h-4 w-4" />}
                      </button>
                    </td>
                  );
                })}
                <td className="p-3 text-center">
                  <span className="inline-flex items-center gap-1 text-orange-400">
                    <Flame className="h-4 w-4" /> {streak(habit)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
