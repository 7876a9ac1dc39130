// corpus: renders "4 rows"
import { useState } from "react";
import Papa from "papaparse";
import { Upload } from "lucide-react";

const SAMPLE = `city,country,population
Tokyo,Japan,37400068
Delhi,India,28514000
Shanghai,China,25582000
São Paulo,Brazil,21650000`;

type Row = Record<string, string>;

export default function CsvViewer() {
  const [rows, setRows] = useState<Row[]>(() => Papa.parse<Row>(SAMPLE, { header: true, skipEmptyLines: true }).data);
  const columns = rows.length ? Object.keys(rows[0]) : [];

  const onFile = (file: File) => {
    Papa.parse<Row>(file, {
      header: true,
      skipEmptyLines: true,
      complete: (result) => setRows(result.data),
    });
  };

  return (
    <div className="mx-auto max-w-3xl p-6">
      <label className="mb-4 flex cursor-pointer items-center gap-2 rounded-lg border-2 border-dashed p-4 text-sm text-gray-600 hover:bg-gray-50">
        <Upload className="h-5 w-5" /> Drop a CSV or click to choose
        <input type="file" accept=".csv" className="hidden" onChange={(e) => e.target.files?.[0] && onFile(e.target.files[0])} />
      </label>
      <p className="mb-2 text-sm text-gray-500">{rows.length} rows</p>
      <div className="overflow-auto rounded border">
        <table className="w-full text-sm">
          <thead className="bg-gray-100">
            <tr>{columns.map((c) => <th key={c} className="px-3 py-2 text-left capitalize">{c}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} className="odd:bg-white even:bg-gray-50">
                {columns.map((c) => <td key={c} className="px-3 py-1.5">{r[c]}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
