import { ArrowUpDown, AlertTriangle, Minus, Plus } from 'lucide-react';
import clsx from 'clsx';
import { isLowStock, formatCurrency, type Product, type SortKey } from '../lib/inventory';

interface InventoryTableProps {
  products: Product[];
  sortKey: SortKey;
  onSort: (key: SortKey) => void;
  onAdjust: (id: string, delta: number) => void;
}

interface HeaderCellProps {
  label: string;
  column: SortKey;
  active: boolean;
  onSort: (key: SortKey) => void;
}

function HeaderCell({ label, column, active, onSort }: HeaderCellProps) {
  return (
    <th className="px-4 py-2 text-left text-xs font-medium uppercase text-gray-500">
      <button
        type="button"
        className={clsx('inline-flex items-center gap-1', active && 'text-indigo-600')}
        onClick={() => onSort(column)}
      >
        {label}
        <ArrowUpDown className="h-3 w-3" />
      </button>
    </th>
  );
}

function StockBadge({ product }: { product: Product }) {
  if (isLowStock(product)) {
    return (
      <span className="inline-flex items-center gap-1 rounded-full bg-red-100 px-2 text-xs text-red-700">
        <AlertTriangle className="h-3 w-3" />
        Low stock warning
      </span>
    );
  }
  return <span className="rounded-full bg-green-100 px-2 text-xs text-green-700">In stock</span>;
}

function StockControls({ product, onAdjust }: { product: Product; onAdjust: (id: string, delta: number) => void }) {
  return (
    <div className="flex items-center gap-2">
      <button
        type="button"
        aria-label={`Decrease ${product.name}`}
        disabled={product.stock === 0}
        onClick={() => onAdjust(product.id, -1)}
      >
        <Minus className="h-4 w-4" />
      </button>
      <span className="w-10 text-center tabular-nums">{product.stock}</span>
      <button type="button" aria-label={`Increase ${product.name}`} onClick={() => onAdjust(product.id, 1)}>
        <Plus className="h-4 w-4" />
      </button>
    </div>
  );
}

export default function InventoryTable({ products, sortKey, onSort, onAdjust }: InventoryTableProps) {
  if (products.length === 0) {
    return <p className="p-6 text-center text-gray-500">No products match your filters.</p>;
  }
  return (
    <table className="min-w-full divide-y divide-gray-200">
      <thead className="bg-gray-50">
        <tr>
          <th className="px-4 py-2 text-left text-xs font-medium uppercase text-gray-500">SKU</th>
          <HeaderCell label="Name" column="name" active={sortKey === 'name'} onSort={onSort} />
          <th className="px-4 py-2 text-left text-xs font-medium uppercase text-gray-500">Category</th>
          <HeaderCell label="Stock" column="stock" active={sortKey === 'stock'} onSort={onSort} />
          <HeaderCell label="Price" column="price" active={sortKey === 'price'} onSort={onSort} />
          <th className="px-4 py-2 text-left text-xs font-medium uppercase text-gray-500">Status</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-gray-100 bg-white">
        {products.map((product) => (
          <tr key={product.id} className={clsx(isLowStock(product) && 'bg-red-50')}>
            <td className="px-4 py-2 font-mono text-sm">{product.id}</td>
            <td className="px-4 py-2">{product.name}</td>
            <td className="px-4 py-2 text-sm text-gray-600">{product.category}</td>
            <td className="px-4 py-2">
              <StockControls product={product} onAdjust={onAdjust} />
            </td>
            <td className="px-4 py-2 tabular-nums">{formatCurrency(product.price)}</td>
            <td className="px-4 py-2">
              <StockBadge product={product} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
