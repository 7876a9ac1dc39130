// corpus: renders "Invoice #2026-114"
import { useRef, useState } from "react";
import { jsPDF } from "jspdf";
import html2canvas from "html2canvas";
import { Download } from "lucide-react";

const LINES = [
  { item: "Website redesign", qty: 1, price: 2400 },
  { item: "Hosting (12 months)", qty: 12, price: 15 },
  { item: "Logo refresh", qty: 1, price: 450 },
];

export default function InvoiceGenerator() {
  const sheet = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState("");
  const total = LINES.reduce((s, l) => s + l.qty * l.price, 0);

  const download = async () => {
    if (!sheet.current) return;
    setStatus("Rendering…");
    const canvas = await html2canvas(sheet.current, { scale: 1 });
    const pdf = new jsPDF({ unit: "pt", format: "a4" });
    const width = pdf.internal.pageSize.getWidth();
    pdf.addImage(canvas.toDataURL("image/png"), "PNG", 0, 0, width, (canvas.height * width) / canvas.width);
    pdf.save("invoice.pdf");
    setStatus("Saved invoice.pdf");
  };

  return (
    <div className="min-h-screen bg-slate-100 p-8">
      <div ref={sheet} className="mx-auto max-w-xl rounded bg-white p-8 shadow">
        <div className="flex justify-between">
          <h1 className="text-2xl font-bold">Invoice #2026-114</h1>
          <p className="text-sm text-slate-500">Due Dec 15, 2026</p>
        </div>
        <table className="mt-6 w-full text-sm">
          <tbody>
            {LINES.map((l) => (
              <tr key={l.item} className="border-b">
                <td className="py-2">{l.item}</td>
                <td className="text-right">{l.qty} × ${l.price}</td>
                <td className="text-right font-medium">${(l.qty * l.price).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-4 text-right text-lg font-bold">Total ${total.toLocaleString()}</p>
      </div>
      <div className="mx-auto mt-4 flex max-w-xl items-center justify-between">
        <span className="text-sm text-slate-500">{status}</span>
        <button onClick={download} className="flex items-center gap-2 rounded bg-slate-900 px-4 py-2 text-white">
          <Download className="h-4 w-4" /> Download PDF
        </button>
      </div>
    </div>
  );
}
