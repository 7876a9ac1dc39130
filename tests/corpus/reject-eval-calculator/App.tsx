// corpus: rejected dangerous-pattern
import { useState } from "react";

export default function Calculator() {
  const [expr, setExpr] = useState("");
  const [result, setResult] = useState("");
  const keys = ["7", "8", "9", "/", "4", "5", "6", "*", "1", "2", "3", "-", "0", ".", "=", "+"];
  const press = (k: string) => {
    if (k === "=") {
      try {
        setResult(String(eval(expr)));
      } catch {
        setResult("Error");
      }
    } else {
      setExpr(expr + k);
    }
  };
  return (
    <div className="mx-auto mt-10 w-64 rounded-xl bg-gray-800 p-4">
      <div className="mb-3 h-14 rounded bg-gray-900 p-2 text-right text-white">
        <div className="text-xs text-gray-400">{expr}</div>
        <div className="text-xl">{result}</div>
      </div>
      <div className="grid grid-cols-4 gap-2">
        {keys.map((k) => (
          <button key={k} onClick={() => press(k)} className="rounded bg-gray-700 py-3 text-white">{k}</button>
        ))}
      </div>
    </div>
  );
}
