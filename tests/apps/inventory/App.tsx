import { useMemo, useState } from 'react';
import { Package, Search } from 'lucide-react';
import InventoryTable from './components/InventoryTable';
import {
  PRODUCTS,
  filterProducts,
  formatCurrency,
  inventoryValue,
  isLowStock,
  sortProducts,
  type Category,
  type Product,
  type SortDirection,
  type SortKey,
} from './lib/inventory';

const CATEGORIES: Array<Category | 'All'> = ['All', 'Hardware', 'Software', 'Accessories', 'Networking', 'Storage'];

interface SummaryCardProps {
  label: string;
  value: string;
  tone?: 'default' | 'warning';
}

function SummaryCard({ label, value, tone = 'default' }: SummaryCardProps) {
  return (
    <div className={tone === 'warning' ? 'rounded-lg border border-red-200 bg-red-50 p-4' : 'rounded-lg border p-4'}>
      <p className="text-sm text-gray-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold">{value}</p>
    </div>
  );
}

export default function InventoryApp() {
  const [products, setProducts] = useState<Product[]>(PRODUCTS);
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<Category | 'All'>('All');
  const [sortKey, setSortKey] = useState<SortKey>('name');
  const [direction, setDirection] = useState<SortDirection>('asc');

  const visible = useMemo(
    () => sortProducts(filterProducts(products, query, category), sortKey, direction),
    [products, query, category, sortKey, direction],
  );
  const lowStockCount = useMemo(() => products.filter(isLowStock).length, [products]);

  const handleSort = (key: SortKey) => {
    if (key === sortKey) {
      setDirection((d) => (d === 'asc' ? 'desc' : 'asc'));
    } else {
      setSortKey(key);
      setDirection('asc');
    }
  };

  const handleAdjust = (id: string, delta: number) => {
    setProducts((current) =>
      current.map((p) => (p.id === id ? { ...p, stock: Math.max(0, p.stock + delta) } : p)),
    );
  };

  return (
    <div className="mx-auto max-w-6xl space-y-6 p-6">
      <header className="flex items-center gap-3">
        <Package className="h-8 w-8 text-indigo-600" />
        <h1 className="text-3xl font-bold">Inventory</h1>
      </header>
      <section className="grid grid-cols-1 gap-4 md:grid-cols-3">
        <SummaryCard label="Products" value={String(products.length)} />
        <SummaryCard label="Inventory value" value={formatCurrency(inventoryValue(products))} />
        <SummaryCard label="Low stock" value={String(lowStockCount)} tone={lowStockCount > 0 ? 'warning' : 'default'} />
      </section>
      <section className="flex flex-wrap items-center gap-3">
        <label className="relative flex-1">
          <Search className="absolute left-2 top-2.5 h-4 w-4 text-gray-400" />
          <input
            className="w-full rounded-md border py-2 pl-8 pr-3"
            placeholder="Search by name or SKU"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </label>
        <select
          className="rounded-md border px-3 py-2"
          value={category}
          onChange={(event) => setCategory(event.target.value as Category | 'All')}
        >
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </section>
      <InventoryTable products={visible} sortKey={sortKey} onSort={handleSort} onAdjust={handleAdjust} />
    </div>
  );
}
